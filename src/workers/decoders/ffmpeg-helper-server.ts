// The ffmpeg helper thread's side (ffmpeg-helper.worker.ts): makes its own instance of the core
// the extractor compiled, then runs the chunks asked of it one after another, posting each
// frame (transferred) as soon as ffmpeg has written it, and the run's return code at the end.
import { errorText } from '$lib/pipeline/failure-message';
import { BytePatches } from '$lib/pipeline/skipped-pictures';
import { RECYCLE_AFTER_EXECS, type CoreSource, type FFmpegRunner } from '../ffmpeg-runner';
import type { ChunkJob, ChunkMessage, HelperRequest } from './ffmpeg-helper-protocol';
import { execFrames, type AnnouncedFrame } from './frame-assembler';

/** What the helper needs of an ffmpeg instance. */
export type ChunkRunner = Pick<
	FFmpegRunner,
	'mountInput' | 'unmountInput' | 'execToSink' | 'logTail' | 'jobs'
>;

export class HelperServer {
	readonly #load: (core: CoreSource) => Promise<ChunkRunner>;
	#core: CoreSource | null = null;
	#runner: Promise<ChunkRunner> | null = null;
	#queue = Promise.resolve();

	/** `load`: a new instance of the core. */
	constructor(load: (core: CoreSource) => Promise<ChunkRunner>) {
		this.#load = load;
	}

	handle(request: HelperRequest): void {
		if (request.kind === 'load') {
			this.#core = request.core;
			this.#runner = null;
			this.#ready().catch(() => {}); // made now; a failure is the next chunk's to report
			return;
		}
		const { job, port } = request;
		this.#queue = this.#queue.then(() => this.#decode(job, port));
	}

	#ready(): Promise<ChunkRunner> {
		if (!this.#core) return Promise.reject(new Error('No ffmpeg core was given to load.'));
		const runner = (this.#runner ??= this.#load(this.#core));
		runner.catch(() => {
			if (this.#runner === runner) this.#runner = null;
		});
		return runner;
	}

	async #decode(job: ChunkJob, port: MessagePort): Promise<void> {
		const post = (message: ChunkMessage, transfer: Transferable[] = []) =>
			port.postMessage(message, transfer);
		try {
			const runner = await this.#ready();
			const { ret, log } = runChunk(runner, job, (frame, data) =>
				post({ kind: 'frame', frame, data: data.buffer as ArrayBuffer }, [data.buffer])
			);
			// A failed run can leave the instance broken; a long-lived one leaks.
			if (ret !== 0 || runner.jobs > RECYCLE_AFTER_EXECS) this.#runner = null;
			post({ kind: 'end', ret, log });
		} catch (error) {
			this.#runner = null;
			post({ kind: 'error', message: errorText(error) });
		} finally {
			port.close();
		}
	}
}

/** Runs `job`, handing each frame over complete in a buffer of its own; ffmpeg's return code. */
export function runChunk(
	runner: ChunkRunner,
	{ file, args, patches, timeoutMs }: ChunkJob,
	onFrame: (frame: AnnouncedFrame, data: Uint8Array) => void
): { ret: number; log: string } {
	const input = runner.mountInput(file);
	try {
		if (!args.includes(input)) throw new Error(`The chunk does not read ${input}.`);
		const taker = {
			place: (frame: AnnouncedFrame) => frame,
			buffer: (size: number) => new Uint8Array(size),
			take: (frame: AnnouncedFrame, data: Uint8Array) => onFrame(frame, data)
		};
		const ret = execFrames(runner, args, taker, timeoutMs, patches && new BytePatches(patches));
		return { ret, log: ret === 0 ? '' : runner.logTail() };
	} finally {
		runner.unmountInput();
	}
}
