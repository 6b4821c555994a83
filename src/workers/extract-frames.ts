/// <reference lib="webworker" />
// The chosen frames at full size, in time order: from the pictures the sampling pass held where
// it could (no second decode), the rest decoded again in one pass over their timestamps.
import type { YuvFrame } from '$lib/pipeline/yuv-to-rgba';
import { yuvCanvas } from './jpeg';

export async function* chosenCanvases(
	chosen: readonly { frameIndex: number; timeSec: number }[],
	held: ReadonlyMap<number, YuvFrame>,
	decode: (times: readonly number[]) => AsyncGenerator<OffscreenCanvas>
): AsyncGenerator<OffscreenCanvas> {
	const missing = chosen.filter((c) => !held.has(c.frameIndex)).map((c) => c.timeSec);
	const decoded = missing.length > 0 ? decode(missing) : null;
	try {
		for (const c of chosen) {
			const frame = held.get(c.frameIndex);
			if (frame) {
				yield yuvCanvas(frame);
				continue;
			}
			const next = await decoded!.next();
			if (next.done) throw new Error('A chosen frame could not be decoded again.');
			yield next.value;
		}
	} finally {
		await decoded?.return(undefined);
	}
}
