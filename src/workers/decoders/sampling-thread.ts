/// <reference lib="webworker" />
// The extractor's handle on its sampling thread (webcodecs-sampler.worker.ts): started on first
// use (or when warmed), one pass per call, frames taken in order and each acknowledged only once
// the consumer is done with it, so a consumer that waits holds decoding back.
import type {
	ReceiverMessage,
	SampledVideoFrame,
	SamplerMessage,
	SamplingRequest
} from './sampling-protocol';
import { OwnThread } from './own-thread';
import type { SamplingEnd, SamplingJob } from './webcodecs-sampling';

/** Takes a sampled frame; its `frame` is the taker's to close. */
export type TakeFrame = (frame: SampledVideoFrame) => Promise<void>;

export class SamplingThread {
	readonly #thread: OwnThread;
	/** How to fail each pass under way, should the thread die. */
	readonly #passes = new Set<(error: unknown) => void>();

	/** `start`: a new thread running webcodecs-sampler.worker.ts. */
	constructor(start: () => Worker) {
		this.#thread = new OwnThread(start, 'The sampling thread', (error) => {
			for (const die of [...this.#passes]) die(error);
		});
	}

	/** Starts the thread (loading its script) before the first pass needs it. */
	warm(): void {
		try {
			this.#thread.get();
		} catch {
			// The first pass meets the same failure, and reports it.
		}
	}

	/**
	 * One pass over `file`: `take` is called for every sampled frame, in order, never two at
	 * once. Rejects with what `take` threw (the pass stops), or with why decoding broke, after
	 * the frames sent before; never before a `take` under way has returned.
	 */
	sample(file: Blob, job: SamplingJob, take: TakeFrame): Promise<SamplingEnd> {
		const { port1: port, port2 } = new MessageChannel();
		const send = (message: ReceiverMessage) => port.postMessage(message);
		return new Promise<SamplingEnd>((resolve, reject) => {
			let queue = Promise.resolve();
			let over = false;
			const end = (settle: () => void) => {
				over = true;
				this.#passes.delete(die);
				// After the frame being taken, if any: a consumer never hears of a frame after the end.
				void queue.then(settle, settle);
			};
			const fail = (error: unknown) => {
				if (over) return;
				send({ kind: 'stop' });
				end(() => reject(error));
			};
			/** The thread is gone: no last word will close the port. */
			const die = (error: unknown) => {
				fail(error);
				port.close();
			};
			const handle = async (message: SamplerMessage) => {
				if (over) {
					// Frames already on their way after a stop; the thread's last word closes the port.
					if (message.kind === 'frame') message.frame.close();
					else port.close();
					return;
				}
				if (message.kind === 'error') {
					port.close();
					const { name, message: text, stack } = message.error;
					return fail(Object.assign(new Error(text), { name }, stack ? { stack } : {}));
				}
				if (message.kind === 'end') {
					port.close();
					return end(() => resolve(message.result));
				}
				await take(message);
				send({ kind: 'ack' });
			};
			port.onmessage = ({ data }: MessageEvent<SamplerMessage>) => {
				queue = queue.then(() => handle(data)).catch(fail);
			};
			// A frame that cannot arrive would leave the thread waiting for its acknowledgement.
			port.onmessageerror = () => die(new Error('A sampled frame could not be received.'));
			this.#passes.add(die);
			try {
				const request: SamplingRequest = { file, job, port: port2 };
				this.#thread.get().postMessage(request, [port2]);
			} catch (error) {
				die(error);
			}
		});
	}
}
