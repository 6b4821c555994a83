/// <reference lib="webworker" />
// Drives the single-thread @ffmpeg/core directly inside our pool worker (no nested worker of
// @ffmpeg/ffmpeg): exec is synchronous here, the input File is mounted with WORKERFS (never
// copied into wasm memory), and output files are read straight from MEMFS without a postMessage.

interface FFmpegFS {
	mkdir(path: string): void;
	mount(type: unknown, options: { blobs?: { name: string; data: Blob }[] }, dir: string): void;
	unmount(dir: string): void;
	readdir(path: string): string[];
	readFile(path: string): Uint8Array;
	unlink(path: string): void;
	analyzePath(path: string): { exists: boolean };
	filesystems: { WORKERFS: unknown; MEMFS: unknown };
}

interface FFmpegCore {
	FS: FFmpegFS;
	ret: number;
	exec(...args: string[]): number;
	ffprobe(...args: string[]): number;
	setLogger(logger: (log: { type: string; message: string }) => void): void;
	setTimeout(ms: number): void;
	reset(): void;
}

type CoreFactory = (options: { mainScriptUrlOrBlob: string }) => Promise<FFmpegCore>;

const LOG_TAIL_LINES = 40;
const INPUT_DIR = '/input';
export const OUTPUT_DIR = '/output';

export class FFmpegRunner {
	#core: FFmpegCore;
	#log: string[] = [];
	#onLine: ((line: string) => void) | null = null;
	#jobs = 0;

	private constructor(core: FFmpegCore) {
		this.#core = core;
		core.FS.mkdir(INPUT_DIR);
		core.FS.mkdir(OUTPUT_DIR);
		core.setLogger(({ message }) => {
			this.#log.push(message);
			if (this.#log.length > 400) this.#log.splice(0, this.#log.length - LOG_TAIL_LINES);
			this.#onLine?.(message);
		});
	}

	static async load(coreUrl: string, wasmUrl: string): Promise<FFmpegRunner> {
		const factory = ((await import(/* @vite-ignore */ coreUrl)) as { default: CoreFactory })
			.default;
		// The core reads the wasm location from this URL's hash (its locateFile hook).
		const hash = btoa(JSON.stringify({ wasmURL: wasmUrl, workerURL: '' }));
		return new FFmpegRunner(await factory({ mainScriptUrlOrBlob: `${coreUrl}#${hash}` }));
	}

	get jobs() {
		return this.#jobs;
	}

	/** The last lines ffmpeg printed, for error details. */
	logTail(): string {
		return this.#log.slice(-LOG_TAIL_LINES).join('\n');
	}

	/** Mounts the file read-only (WORKERFS reads slices on demand) and returns its path. */
	mountInput(file: Blob, name = 'input'): string {
		this.#core.FS.mount(
			this.#core.FS.filesystems.WORKERFS,
			{ blobs: [{ name, data: file }] },
			INPUT_DIR
		);
		return `${INPUT_DIR}/${name}`;
	}

	unmountInput() {
		this.#core.FS.unmount(INPUT_DIR);
	}

	/**
	 * Runs ffmpeg; `onLine` sees every log line as it is printed (synchronously, mid-run).
	 * `timeoutMs` makes the core give up on a stuck decode instead of hanging the worker.
	 */
	exec(args: string[], onLine?: (line: string) => void, timeoutMs = -1): number {
		// The log level is global in the wasm instance: an earlier `ffprobe -v error` would
		// otherwise silence the showinfo lines that the sampler reads.
		return this.#run(
			() => this.#core.exec('-hide_banner', '-loglevel', 'info', '-nostats', ...args),
			onLine,
			timeoutMs
		);
	}

	ffprobe(args: string[], onLine?: (line: string) => void, timeoutMs = 60_000): number {
		return this.#run(() => this.#core.ffprobe(...args), onLine, timeoutMs);
	}

	readOutput(name: string): Uint8Array {
		return this.#core.FS.readFile(`${OUTPUT_DIR}/${name}`);
	}

	removeOutput(name: string) {
		this.#core.FS.unlink(`${OUTPUT_DIR}/${name}`);
	}

	hasOutput(name: string): boolean {
		return this.#core.FS.analyzePath(`${OUTPUT_DIR}/${name}`).exists;
	}

	clearOutputs() {
		for (const name of this.#core.FS.readdir(OUTPUT_DIR)) {
			if (name !== '.' && name !== '..') this.#core.FS.unlink(`${OUTPUT_DIR}/${name}`);
		}
	}

	#run(
		call: () => number,
		onLine: ((line: string) => void) | undefined,
		timeoutMs: number
	): number {
		this.#log = [];
		this.#onLine = onLine ?? null;
		this.#jobs++;
		this.#core.setTimeout(timeoutMs);
		try {
			call();
			return this.#core.ret;
		} finally {
			this.#onLine = null;
			this.#core.reset();
		}
	}
}
