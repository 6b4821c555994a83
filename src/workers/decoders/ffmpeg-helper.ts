/// <reference lib="webworker" />
// The extractor's handle on its ffmpeg helper thread (ffmpeg-helper.worker.ts): a second
// ffmpeg.wasm instance that decodes chunks of a sampling pass while the extractor's own decodes
// others (ffmpeg's exec is synchronous, so one instance uses one core). Started on first use; a
// chunk's frames are read in order with `next`.
import type { CoreSource } from '../ffmpeg-runner';
import type { ChunkJob, ChunkMessage, HelperEvent, HelperRequest } from './ffmpeg-helper-protocol';
import type { AnnouncedFrame } from './frame-assembler';
import { OwnThread } from './own-thread';

/** The helper could not decode a chunk: its thread or core failed (not the video). */
export class HelperFailure extends Error {}

export interface HelpedFrame {
	frame: AnnouncedFrame;
	data: Uint8Array;
}

/** One chunk's frames, as they arrive; the run's return code at the end. */
export class HelpedChunk {
	readonly #port: MessagePort;
	readonly #done: () => void;
	readonly #arrived: ChunkMessage[] = [];
	#wake: (() => void) | null = null;
	#failure: HelperFailure | null = null;

	/** `done`: called once no more will arrive (the end, a failure, a cancel). */
	constructor(port: MessagePort, done: () => void) {
		this.#port = port;
		this.#done = done;
		port.onmessage = ({ data }: MessageEvent<ChunkMessage>) => this.#arrive(data);
		port.onmessageerror = () => this.fail(new HelperFailure('A decoded frame could not arrive.'));
	}

	/**
	 * The next frame, or the run's return code once all have come (with ffmpeg's log tail when it
	 * failed); rejects with a HelperFailure when the helper could not run the chunk.
	 */
	async next(): Promise<HelpedFrame | { ret: number; log: string }> {
		for (;;) {
			const message = this.#arrived.shift();
			if (message?.kind === 'frame')
				return { frame: message.frame, data: new Uint8Array(message.data) };
			if (message?.kind === 'end') return { ret: message.ret, log: message.log };
			if (message?.kind === 'error') throw new HelperFailure(message.message);
			if (this.#failure) throw this.#failure;
			await new Promise<void>((resolve) => (this.#wake = resolve));
		}
	}

	/** No more frames are wanted: those still coming are dropped. */
	cancel(): void {
		this.#arrived.length = 0;
		this.#close();
	}

	fail(failure: HelperFailure): void {
		this.#failure ??= failure;
		this.#close();
		this.#wakeUp();
	}

	#arrive(message: ChunkMessage) {
		this.#arrived.push(message);
		if (message.kind !== 'frame') this.#close();
		this.#wakeUp();
	}

	#close() {
		this.#port.onmessage = null;
		this.#port.close();
		this.#done();
	}

	#wakeUp() {
		this.#wake?.();
		this.#wake = null;
	}
}

/** The longest `load` waits for a new thread to run: a thread that never says so is not waited on. */
const START_WAIT_MS = 1000;

export class FfmpegHelper {
	readonly #thread: OwnThread;
	/** The core the thread is to have (sent again to a thread started anew). */
	#core: CoreSource | null = null;
	/** Chunks under way, to fail should the thread die. */
	readonly #chunks = new Set<HelpedChunk>();
	/** Settles once the thread last started runs (or has died). */
	#started: Promise<void> = Promise.resolve();
	#onStarted = () => {};

	/** `start`: a new thread running ffmpeg-helper.worker.ts. */
	constructor(start: () => Worker) {
		this.#thread = new OwnThread(
			start,
			'The ffmpeg helper thread',
			(error) => {
				this.#onStarted();
				for (const chunk of [...this.#chunks]) chunk.fail(new HelperFailure(error.message));
			},
			(worker) => {
				this.#started = new Promise((resolve) => {
					const timer = setTimeout(resolve, START_WAIT_MS);
					this.#onStarted = () => {
						clearTimeout(timer);
						resolve();
					};
				});
				worker.onmessage = ({ data }: MessageEvent<HelperEvent>) => {
					if (data.kind === 'started') this.#onStarted();
				};
				if (this.#core)
					worker.postMessage({ kind: 'load', core: this.#core } satisfies HelperRequest);
			}
		);
	}

	/**
	 * Has the thread make its instance of `core` (once per core), before the first chunk.
	 * Resolves once the thread runs (or could not start): a worker's own worker starts from its
	 * parent's event loop, so a parent that blocked at once (a synchronous ffmpeg run) would hold
	 * it back until then; measured, its first chunk came 0.7–1 s late.
	 */
	load(core: CoreSource): Promise<void> {
		if (this.#core !== core || !this.#thread.running) {
			const running = this.#thread.running;
			this.#core = core;
			// A new thread is sent the core as it starts.
			const worker = this.#thread.get();
			if (running) worker.postMessage({ kind: 'load', core } satisfies HelperRequest);
		}
		return this.#started;
	}

	/** Starts decoding a chunk (after those asked for before); its frames come in order. */
	decode(job: ChunkJob): HelpedChunk {
		const { port1, port2 } = new MessageChannel();
		const chunk: HelpedChunk = new HelpedChunk(port1, () => this.#chunks.delete(chunk));
		this.#chunks.add(chunk);
		try {
			const request: HelperRequest = { kind: 'decode', job, port: port2 };
			this.#thread.get().postMessage(request, [port2]);
		} catch (error) {
			chunk.fail(new HelperFailure(error instanceof Error ? error.message : String(error)));
		}
		return chunk;
	}
}
