import { describe, expect, it, vi } from 'vitest';
import { BytePatches } from '$lib/pipeline/skipped-pictures';
import { packedI420Size } from '$lib/pipeline/yuv-to-rgba';
import {
	FfmpegHelper,
	HelperFailure,
	type HelpedChunk,
	type HelpedFrame
} from '../../src/workers/decoders/ffmpeg-helper';
import type {
	ChunkJob,
	HelperEvent,
	HelperRequest
} from '../../src/workers/decoders/ffmpeg-helper-protocol';
import {
	HelperServer,
	runChunk,
	type ChunkRunner
} from '../../src/workers/decoders/ffmpeg-helper-server';
import {
	announcedFrame,
	execFrames,
	FrameAssembler,
	type AnnouncedFrame
} from '../../src/workers/decoders/frame-assembler';
import type { CoreSource } from '../../src/workers/ffmpeg-runner';

const WIDTH = 4;
const HEIGHT = 2;
const SIZE = packedI420Size(WIDTH, HEIGHT);
const INPUT = '/input/input';

const showinfo = (n: number, timeSec: number) =>
	`[Parsed_showinfo_2 @ 0x5e1c0] n:${String(n).padStart(4)} pts:${n * 512} pts_time:${timeSec} duration:512 s:${WIDTH}x${HEIGHT} i:P iskey:0 type:B`;

/**
 * An ffmpeg instance that "decodes" frames filled with their number: each announced by showinfo,
 * then written in pieces of `piece` bytes, as the frame device receives them.
 */
function fakeRunner(times: number[], { ret = 0, piece = 5 } = {}) {
	const seen = { mounted: 0, unmounted: 0, args: [] as string[][], patches: [] as unknown[] };
	const runner: ChunkRunner & { jobs: number } = {
		jobs: 0,
		mountInput: () => {
			seen.mounted++;
			return INPUT;
		},
		unmountInput: () => void seen.unmounted++,
		logTail: () => 'Error while decoding stream #0:0',
		execToSink(args, onBytes, onLine, _timeoutMs, options = {}) {
			runner.jobs++;
			seen.args.push(args);
			seen.patches.push(options.patches ?? null);
			times.forEach((t, n) => {
				onLine(showinfo(n, t));
				const bytes = new Uint8Array(SIZE).fill(n + 1);
				for (let at = 0; at < SIZE; at += piece) onBytes(bytes.subarray(at, at + piece));
			});
			return ret;
		}
	};
	return { runner, seen };
}

const job = (patches: [number, number][] | null = null): ChunkJob => ({
	file: new Blob([]),
	args: ['-i', INPUT, '-f', 'rawvideo', '/dev/kff-frames'],
	patches,
	timeoutMs: 1000
});

describe('FrameAssembler', () => {
	it('reads the frame showinfo announces: its count, time and size', () => {
		expect(announcedFrame(showinfo(7, 2.335))).toEqual({
			n: 7,
			timeSec: 2.335,
			width: WIDTH,
			height: HEIGHT
		});
		expect(announcedFrame('[h264 @ 0x1] concealing 12 DC errors')).toBeNull();
	});

	it('puts frames written in pieces of any size back together, in the order announced', () => {
		const taken: [string, number[]][] = [];
		const { runner } = fakeRunner([0, 0.2, 0.4], { piece: 7 });
		execFrames(
			runner,
			[],
			{
				place: (frame) => `frame ${frame.n}`,
				buffer: (size) => new Uint8Array(size),
				take: (placed, data) => taken.push([placed, [...new Set(data)]])
			},
			1000,
			null
		);
		expect(taken).toEqual([
			['frame 0', [1]],
			['frame 1', [2]],
			['frame 2', [3]]
		]);
	});

	it('does not copy a frame its taker does not want, and keeps the next one whole', () => {
		const buffers: number[] = [];
		const taken: number[][] = [];
		const { runner } = fakeRunner([0, 0.2, 0.4], { piece: 5 });
		execFrames(
			runner,
			[],
			{
				place: (frame) => (frame.n === 1 ? null : frame.n),
				buffer: (size) => {
					buffers.push(size);
					return new Uint8Array(size);
				},
				take: (_n, data) => taken.push([...new Set(data)])
			},
			1000,
			null
		);
		expect(buffers).toEqual([SIZE, SIZE]);
		expect(taken).toEqual([[1], [3]]);
	});

	it('refuses bytes of a frame nobody announced', () => {
		const assembler = new FrameAssembler({
			place: () => 1,
			buffer: (size) => new Uint8Array(size),
			take: () => {}
		});
		expect(() => assembler.bytes(new Uint8Array(4))).toThrow(/did not announce/);
	});

	it('throws what the taker threw after the run, and hands nothing over after it', () => {
		const { runner } = fakeRunner([0, 0.2, 0.4]);
		const taken: number[] = [];
		const run = () =>
			execFrames(
				runner,
				[],
				{
					place: (frame: AnnouncedFrame) => frame.n,
					buffer: (size) => new Uint8Array(size),
					take: (n) => {
						taken.push(n);
						if (n === 1) throw new Error('past the range');
					}
				},
				1000,
				null
			);
		expect(run).toThrow('past the range');
		expect(taken).toEqual([0, 1]);
	});
});

describe('runChunk (the helper thread)', () => {
	it('hands each frame over in a buffer of its own, and unmounts the input', () => {
		const { runner, seen } = fakeRunner([0, 0.2]);
		const frames: [AnnouncedFrame, Uint8Array][] = [];
		const end = runChunk(runner, job([[10, 0]]), (frame, data) => frames.push([frame, data]));
		expect(end).toEqual({ ret: 0, log: '' });
		expect(frames.map(([f]) => f.timeSec)).toEqual([0, 0.2]);
		expect(frames[0]![1].buffer).not.toBe(frames[1]![1].buffer);
		expect([...new Set(frames[1]![1])]).toEqual([2]);
		expect(seen.patches[0]).toBeInstanceOf(BytePatches);
		expect(seen).toMatchObject({ mounted: 1, unmounted: 1 });
	});

	it("gives ffmpeg's return code and log tail when the run failed", () => {
		const { runner } = fakeRunner([0], { ret: 1 });
		expect(runChunk(runner, job(), () => {})).toEqual({
			ret: 1,
			log: 'Error while decoding stream #0:0'
		});
	});

	it('refuses a run that does not read the mounted input, and still unmounts it', () => {
		const { runner, seen } = fakeRunner([0]);
		expect(() => runChunk(runner, { ...job(), args: ['-i', '/elsewhere'] }, () => {})).toThrow(
			/does not read/
		);
		expect(seen).toMatchObject({ mounted: 1, unmounted: 1, args: [] });
	});
});

const CORE: CoreSource = { coreUrl: '/core.js', wasmUrl: '/core.wasm', module: {} as never };

/** A thread that runs a HelperServer in this one, as ffmpeg-helper.worker.ts does in its own. */
class FakeThread {
	onerror: ((event: { message: string; preventDefault(): void }) => void) | null = null;
	onmessage: ((event: { data: HelperEvent }) => void) | null = null;
	terminated = false;
	readonly requests: HelperRequest['kind'][] = [];
	readonly server: HelperServer;

	constructor(load: (core: CoreSource) => Promise<ChunkRunner>) {
		this.server = new HelperServer(load);
	}

	postMessage(request: HelperRequest) {
		this.requests.push(request.kind);
		this.server.handle(request);
	}

	terminate() {
		this.terminated = true;
	}

	/** Its script has run: what ffmpeg-helper.worker.ts posts first. */
	start() {
		this.onmessage?.({ data: { kind: 'started' } });
	}

	die(message: string) {
		this.onerror?.({ message, preventDefault() {} });
	}
}

/** Everything a chunk gives: its frames' times and fill, then the run's end. */
async function drain(chunk: HelpedChunk) {
	const frames: [number, number][] = [];
	for (;;) {
		const next = await chunk.next();
		if (!('frame' in next)) return { frames, end: next };
		frames.push([(next as HelpedFrame).frame.timeSec, next.data[0]!]);
	}
}

function helperOver(load: (core: CoreSource) => Promise<ChunkRunner>) {
	const threads: FakeThread[] = [];
	const helper = new FfmpegHelper(() => {
		const thread = new FakeThread(load);
		threads.push(thread);
		return thread as unknown as Worker;
	});
	return { helper, threads };
}

describe('FfmpegHelper and its thread', () => {
	it('loads the core on the thread once, then decodes chunks in turn, frames in order', async () => {
		const loads: CoreSource[] = [];
		const { helper, threads } = helperOver(async (core) => {
			loads.push(core);
			return fakeRunner([0.5, 0.7, 0.9]).runner;
		});
		void helper.load(CORE);
		void helper.load(CORE);
		const [first, second] = [helper.decode(job()), helper.decode(job())];
		expect(await drain(first)).toEqual({
			frames: [
				[0.5, 1],
				[0.7, 2],
				[0.9, 3]
			],
			end: { ret: 0, log: '' }
		});
		expect((await drain(second)).frames).toHaveLength(3);
		expect(threads).toHaveLength(1);
		expect(threads[0]!.requests).toEqual(['load', 'decode', 'decode']);
		expect(loads).toHaveLength(1);
	});

	it('fails the chunk, not the thread, when the core cannot be made, and tries again next time', async () => {
		// Made on `load` and again for the first chunk: both fail; the second chunk's try works.
		let attempts = 0;
		const { helper, threads } = helperOver(async () => {
			if (++attempts <= 2) throw new Error('out of memory');
			return fakeRunner([0]).runner;
		});
		void helper.load(CORE);
		await expect(drain(helper.decode(job()))).rejects.toThrow(HelperFailure);
		await expect(drain(helper.decode(job()))).resolves.toMatchObject({ end: { ret: 0 } });
		expect(attempts).toBe(3);
		expect(threads).toHaveLength(1);
	});

	it('makes a fresh instance after a failed run (it can be left broken)', async () => {
		let made = 0;
		const { helper } = helperOver(async () => {
			made++;
			return fakeRunner([0], { ret: made === 1 ? 1 : 0 }).runner;
		});
		void helper.load(CORE);
		expect((await drain(helper.decode(job()))).end.ret).toBe(1);
		expect((await drain(helper.decode(job()))).end.ret).toBe(0);
		expect(made).toBe(2);
	});

	it('fails the chunks under way when its thread dies, and starts a new one with the core', async () => {
		let release = () => {};
		const { helper, threads } = helperOver(
			() =>
				new Promise((resolve) => {
					release = () => resolve(fakeRunner([0]).runner);
				})
		);
		void helper.load(CORE);
		const waiting = helper.decode(job());
		threads[0]!.die('out of memory');
		await expect(waiting.next()).rejects.toThrow(/helper thread stopped: out of memory/);
		expect(threads[0]!.terminated).toBe(true);
		const next = helper.decode(job());
		expect(threads).toHaveLength(2);
		expect(threads[1]!.requests).toEqual(['load', 'decode']);
		release();
		await expect(drain(next)).resolves.toMatchObject({ end: { ret: 0 } });
	});

	it('load resolves once its thread runs, or has died, or after a second at most', async () => {
		vi.useFakeTimers();
		try {
			const { helper, threads } = helperOver(async () => fakeRunner([0]).runner);
			const settled = (promise: Promise<void>) => {
				const state = { done: false };
				void promise.then(() => (state.done = true));
				return state;
			};
			const first = settled(helper.load(CORE));
			await vi.advanceTimersByTimeAsync(999);
			expect(first.done).toBe(false);
			threads[0]!.start();
			await vi.advanceTimersByTimeAsync(0);
			expect(first.done).toBe(true);
			// Running already: nothing to wait for.
			await expect(helper.load(CORE)).resolves.toBeUndefined();

			threads[0]!.die('out of memory');
			const second = settled(helper.load(CORE));
			await vi.advanceTimersByTimeAsync(0);
			expect([threads.length, second.done]).toEqual([2, false]);
			threads[1]!.die('no script');
			await vi.advanceTimersByTimeAsync(0);
			expect(second.done).toBe(true);

			// A thread that never says it runs is not waited on for more than a second.
			const third = settled(helper.load(CORE));
			await vi.advanceTimersByTimeAsync(1000);
			expect([threads.length, third.done]).toEqual([3, true]);
		} finally {
			vi.useRealTimers();
		}
	});

	it('drops what still comes for a chunk given up', async () => {
		const { helper } = helperOver(async () => fakeRunner([0, 0.1, 0.2]).runner);
		void helper.load(CORE);
		const chunk = helper.decode(job());
		const first = await chunk.next();
		expect('frame' in first && first.frame.n).toBe(0);
		chunk.cancel();
		// The next chunk is not disturbed by the first's frames.
		expect((await drain(helper.decode(job()))).frames).toHaveLength(3);
	});
});
