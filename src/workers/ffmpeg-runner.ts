/// <reference lib="webworker" />
// Drives the single-thread @ffmpeg/core directly inside our pool worker (no nested worker of
// @ffmpeg/ffmpeg): exec is synchronous here, the input File is mounted with WORKERFS (never
// copied into wasm memory; read in blocks through a BlockCache), and output files are read
// straight from MEMFS without a postMessage.
// A stream of raw frames goes to a device instead (FRAMES_DEVICE), whose writes reach the caller
// as ffmpeg makes them: a MEMFS file per frame spent more time growing and copying its storage
// (measured on the pipeline bench: 8 of the worker's 20 s) than ffmpeg spent decoding.

import type { BytePatches } from '$lib/pipeline/skipped-pictures';
import { BlockCache } from './block-cache';
import { compileWasm, type InstantiateWasm } from './compile-wasm';

interface DeviceOps {
	read(): number;
	write(stream: unknown, buffer: Uint8Array, offset: number, length: number): number;
	llseek(stream: { position: number }, offset: number, whence: number): number;
}

type WorkerFsRead = (
	stream: { node: { contents: Blob } },
	buffer: Uint8Array,
	offset: number,
	length: number,
	position: number
) => number;

interface FFmpegFS {
	makedev(major: number, minor: number): number;
	registerDevice(dev: number, ops: DeviceOps): void;
	mkdev(path: string, dev: number): void;
	mkdir(path: string): void;
	mount(type: unknown, options: { blobs?: { name: string; data: Blob }[] }, dir: string): void;
	unmount(dir: string): void;
	readdir(path: string): string[];
	readFile(path: string): Uint8Array;
	unlink(path: string): void;
	analyzePath(path: string): { exists: boolean };
	filesystems: { WORKERFS: { stream_ops: { read: WorkerFsRead } }; MEMFS: unknown };
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

type CoreFactory = (options: {
	mainScriptUrlOrBlob: string;
	instantiateWasm: InstantiateWasm;
}) => Promise<FFmpegCore>;

/**
 * The core compiled once per worker: every instance, the extractor's and its helper thread's
 * (where it is posted), is made from it, so neither compiles the 31 MB of wasm again.
 */
export interface CoreSource {
	coreUrl: string;
	wasmUrl: string;
	module: WebAssembly.Module;
}

/** Instances leak over many runs: start a fresh one after this many execs. */
export const RECYCLE_AFTER_EXECS = 200;

const LOG_TAIL_LINES = 40;
const INPUT_DIR = '/input';
export const OUTPUT_DIR = '/output';
/** A character device whose writes go to the sink of the running exec (`execToSink`). */
export const FRAMES_DEVICE = '/dev/kff-frames';
/** Device numbers no other device of the core uses. */
const FRAMES_MAJOR = 64;
/** lseek's whence: from the start, from the current position. */
const SEEK_SET = 0;
const SEEK_CUR = 1;

export class FFmpegRunner {
	#core: FFmpegCore;
	#log: string[] = [];
	#onLine: ((line: string) => void) | null = null;
	#sink: ((bytes: Uint8Array) => void) | null = null;
	/** Changes made to what the running exec reads of its input (`execToSink`). */
	#patches: BytePatches | null = null;
	#quiet: RegExp | null = null;
	#blocks: BlockCache;
	#mounted: Blob | null = null;
	#jobs = 0;

	private constructor(
		core: FFmpegCore,
		/** What the instance was made from, for another thread to make its own. */
		readonly source: CoreSource
	) {
		this.#core = core;
		core.FS.mkdir(INPUT_DIR);
		core.FS.mkdir(OUTPUT_DIR);
		const dev = core.FS.makedev(FRAMES_MAJOR, 0);
		core.FS.registerDevice(dev, {
			read: () => 0,
			// `buffer` is the wasm heap: the sink copies what it keeps before returning.
			write: (_stream, buffer, offset, length) => {
				this.#sink?.(buffer.subarray(offset, offset + length));
				return length;
			},
			// Nothing seeks in a stream of frames; where ffmpeg asks where it is, say so.
			llseek: (stream, offset, whence) => {
				if (whence === SEEK_SET) return offset;
				if (whence === SEEK_CUR) return stream.position + offset;
				throw new Error('The frame device cannot seek from its end.');
			}
		});
		core.FS.mkdev(FRAMES_DEVICE, dev);
		// WORKERFS's reads, in blocks: one FileReaderSync call per 32 kB read was its cost.
		const reader = new FileReaderSync();
		this.#blocks = new BlockCache(
			(blob, start, end) => new Uint8Array(reader.readAsArrayBuffer(blob.slice(start, end)))
		);
		core.FS.filesystems.WORKERFS.stream_ops.read = (stream, buffer, offset, length, position) => {
			const n = this.#blocks.read(stream.node.contents, position, length, buffer, offset);
			this.#patches?.apply(position, buffer.subarray(offset, offset + n));
			return n;
		};
		core.setLogger(({ message }) => {
			if (this.#quiet?.test(message)) return;
			this.#log.push(message);
			if (this.#log.length > 400) this.#log.splice(0, this.#log.length - LOG_TAIL_LINES);
			this.#onLine?.(message);
		});
	}

	/** Fetches and compiles the core's wasm. */
	static async compile(coreUrl: string, wasmUrl: string): Promise<CoreSource> {
		return { coreUrl, wasmUrl, module: await compileWasm(wasmUrl) };
	}

	/** A new instance of the compiled core. */
	static async load(source: CoreSource): Promise<FFmpegRunner> {
		const { coreUrl, wasmUrl, module } = source;
		const factory = ((await import(/* @vite-ignore */ coreUrl)) as { default: CoreFactory })
			.default;
		// The core reads the wasm location from this URL's hash (its locateFile hook), though it
		// instantiates the module it is given.
		const hash = btoa(JSON.stringify({ wasmURL: wasmUrl, workerURL: '' }));
		const core = await new Promise<FFmpegCore>((resolve, reject) => {
			factory({
				mainScriptUrlOrBlob: `${coreUrl}#${hash}`,
				instantiateWasm: (imports, receive) => {
					WebAssembly.instantiate(module, imports).then(
						(instance) => receive(instance, module),
						reject
					);
					return {};
				}
			}).then(resolve, reject);
		});
		return new FFmpegRunner(core, source);
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
		this.#mounted = file;
		return `${INPUT_DIR}/${name}`;
	}

	unmountInput() {
		this.#core.FS.unmount(INPUT_DIR);
		this.#mounted = null;
	}

	/** `length` bytes of the mounted input from `position`, through the blocks ffmpeg reads. */
	readInput(position: number, length: number): Uint8Array {
		if (!this.#mounted) throw new Error('No input is mounted.');
		const bytes = new Uint8Array(length);
		const n = this.#blocks.read(this.#mounted, position, length, bytes, 0);
		return bytes.subarray(0, n);
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

	/**
	 * `exec` whose output FRAMES_DEVICE (in `args`) is a stream handed to `onBytes` as ffmpeg
	 * writes it, in pieces of any size; the bytes are valid only during the call. `patches`
	 * change what this run reads of the input (pictures left undecoded: skipped-pictures.ts);
	 * lines `quiet` matches are what those changes make ffmpeg say: neither logged nor passed on.
	 */
	execToSink(
		args: string[],
		onBytes: (bytes: Uint8Array) => void,
		onLine: (line: string) => void,
		timeoutMs: number,
		{ patches = null, quiet }: { patches?: BytePatches | null; quiet?: RegExp } = {}
	): number {
		this.#sink = onBytes;
		this.#patches = patches;
		this.#quiet = quiet ?? null;
		try {
			// -y: the device exists, and ffmpeg would ask before writing to an existing file.
			return this.exec(['-y', ...args], onLine, timeoutMs);
		} finally {
			this.#quiet = null;
			this.#sink = null;
			this.#patches = null;
		}
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
