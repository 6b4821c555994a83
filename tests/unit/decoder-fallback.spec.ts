import { describe, expect, it } from 'vitest';
import type { FrameDecoder, SampledPicture } from '../../src/workers/decoders/frame-decoder';
import {
	fullFramesWithFallback,
	sampleWithFallback
} from '../../src/workers/decoders/with-fallback';

const picture = {
	kind: 'rgba',
	image: { width: 1, height: 1, data: new Uint8ClampedArray(4) }
} as const;

/** A decoder over `frames` frames (every 5th sampled, 10 fps) that breaks at `breakAt`. */
function fakeDecoder(
	name: FrameDecoder['name'],
	frames: number,
	breakAt = Infinity,
	fullBreakAt = Infinity
): FrameDecoder & { opened: number } {
	return {
		name,
		opened: 0,
		probe: {
			durationSec: frames / 10,
			fps: 10,
			frameCount: frames,
			width: 64,
			height: 48,
			codec: 'h264',
			rotation: 0,
			container: 'mp4'
		},
		timings: {},
		sample(options, onSample) {
			for (let i = options.from?.frameIndex ?? 0; i < frames; i += options.sampleRate) {
				if (i >= breakAt) return Promise.reject(new Error(`bad packet at ${i}`));
				void onSample({ frameIndex: i, timeSec: i / 10, picture });
			}
			return Promise.resolve({ complete: true });
		},
		async *fullFrames(times) {
			for (const [n, t] of times.entries()) {
				if (n >= fullBreakAt) throw new Error('seek failed');
				await Promise.resolve();
				yield { width: t, height: name.length } as unknown as OffscreenCanvas;
			}
		},
		details: () => '',
		close() {}
	};
}

const options = { sampleRate: 5, longSide: 640, from: null };

describe('sampleWithFallback', () => {
	it('keeps what the first decoder did and analyses only the rest with the second', async () => {
		const first = fakeDecoder('webcodecs', 100, 40);
		const second = fakeDecoder('ffmpeg.wasm', 100);
		const seen: number[] = [];
		const progress: number[] = [];
		const result = await sampleWithFallback(
			first,
			() => Promise.resolve(second),
			options,
			(f: SampledPicture) => {
				seen.push(f.frameIndex);
			},
			(t) => progress.push(t)
		);
		expect(seen).toEqual([
			0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 95
		]);
		expect(result.decoder).toBe(second);
		expect(result.fallbackReason).toMatch(
			/^webcodecs stopped at frame 36: Error: bad packet at 40/
		);
		// Progress goes on while the second decoder re-reads the part already done.
		expect(progress).toHaveLength(8 + 20);
	});

	it('a resumed pass starts at its checkpoint, with either decoder, and skips that frame', async () => {
		const from = { frameIndex: 50, timeSec: 5 };
		const seen: number[] = [];
		await sampleWithFallback(
			fakeDecoder('webcodecs', 100, 70),
			() => Promise.resolve(fakeDecoder('ffmpeg.wasm', 100)),
			{ ...options, from },
			(f: SampledPicture) => {
				seen.push(f.frameIndex);
			},
			() => {}
		);
		expect(seen).toEqual([55, 60, 65, 70, 75, 80, 85, 90, 95]);
	});

	it('does not open the fallback when the first decoder finishes', async () => {
		let opened = false;
		const result = await sampleWithFallback(
			fakeDecoder('webcodecs', 20),
			() => {
				opened = true;
				return Promise.reject(new Error('unused'));
			},
			options,
			() => {},
			() => {}
		);
		expect(opened).toBe(false);
		expect(result).toMatchObject({ complete: true, fallbackReason: null });
	});

	it('rethrows a failure of our own frame handling instead of switching decoders', async () => {
		let opened = false;
		const failing = sampleWithFallback(
			fakeDecoder('webcodecs', 20),
			() => {
				opened = true;
				return Promise.resolve(fakeDecoder('ffmpeg.wasm', 20));
			},
			options,
			() => {
				throw new RangeError('detector broke');
			},
			() => {}
		);
		await expect(failing).rejects.toThrow(RangeError);
		expect(opened).toBe(false);
	});

	it('without a fallback, the decoder error is the result', async () => {
		await expect(
			sampleWithFallback(
				fakeDecoder('ffmpeg.wasm', 20, 10),
				null,
				options,
				() => {},
				() => {}
			)
		).rejects.toThrow('bad packet at 10');
	});
});

describe('fullFramesWithFallback', () => {
	it('takes the remaining chosen frames from the second decoder', async () => {
		const reasons: string[] = [];
		const got: [number, number][] = [];
		for await (const canvas of fullFramesWithFallback(
			fakeDecoder('webcodecs', 100, Infinity, 2),
			() => Promise.resolve(fakeDecoder('ffmpeg.wasm', 100)),
			[1, 2, 3, 4],
			(r) => reasons.push(r)
		)) {
			got.push([canvas.width, canvas.height]);
		}
		// width carries the time, height which decoder ('webcodecs' 9, 'ffmpeg.wasm' 11).
		expect(got).toEqual([
			[1, 9],
			[2, 9],
			[3, 11],
			[4, 11]
		]);
		expect(reasons).toEqual(['webcodecs could not decode chosen frame 3 of 4: Error: seek failed']);
	});
});
