// Switching decoders part-way without losing work: when the first decoder breaks, the second
// decodes the same video and only frames past the last one already handed over are analysed.
import { errorText } from '$lib/pipeline/failure-message';
import type { FrameDecoder, OnSample, SampledPicture, SampleOptions } from './frame-decoder';

/** An error thrown by our own frame handling, which another decoder would not fix. */
class ConsumerError extends Error {
	constructor(readonly original: unknown) {
		super('frame handling failed');
	}
}

export interface SampledWith {
	/** The decoder that finished the pass. */
	decoder: FrameDecoder;
	complete: boolean;
	/** Why the first decoder was given up, when it was. */
	fallbackReason: string | null;
}

/** The decoder to switch to, opened only when needed; null when there is none. */
export type Fallback = (() => Promise<FrameDecoder>) | null;

/**
 * Samples with `first` (from `options.from`, if set); if it fails, continues with `second()`
 * from where it stopped.
 * `onProgress` sees every sampled frame's time, also those re-decoded and skipped.
 */
export async function sampleWithFallback(
	first: FrameDecoder,
	second: Fallback,
	options: SampleOptions,
	onSample: OnSample,
	onProgress: (timeSec: number) => void
): Promise<SampledWith> {
	// A resumed pass gets its starting frame again: it was analysed before.
	let nextIndex = options.from ? options.from.frameIndex + 1 : 0;
	const handle = (frame: SampledPicture): void | Promise<void> => {
		onProgress(frame.timeSec);
		if (frame.frameIndex < nextIndex) return;
		nextIndex = frame.frameIndex + 1;
		let handed: void | Promise<void>;
		try {
			handed = onSample(frame);
		} catch (error) {
			throw new ConsumerError(error);
		}
		return handed?.catch((error: unknown) => {
			throw new ConsumerError(error);
		});
	};
	try {
		const { complete } = await first.sample(options, handle);
		return { decoder: first, complete, fallbackReason: null };
	} catch (error) {
		if (error instanceof ConsumerError) throw error.original;
		if (!second) throw error;
		const fallbackReason = `${first.name} stopped at frame ${nextIndex}: ${errorText(error)}`;
		const decoder = await second();
		try {
			const { complete } = await decoder.sample(options, handle);
			return { decoder, complete, fallbackReason };
		} catch (secondError) {
			throw secondError instanceof ConsumerError ? secondError.original : secondError;
		}
	}
}

/**
 * Yields the full-size frames at `times` from `first`; if it fails part-way, the rest come
 * from `second()`. `onFallback` hears why.
 */
export async function* fullFramesWithFallback(
	first: FrameDecoder,
	second: Fallback,
	times: readonly number[],
	onFallback: (reason: string) => void
): AsyncGenerator<OffscreenCanvas> {
	let done = 0;
	try {
		for await (const canvas of first.fullFrames(times)) {
			yield canvas;
			done++;
		}
	} catch (error) {
		if (!second) throw error;
		onFallback(
			`${first.name} could not decode chosen frame ${done + 1} of ${times.length}: ${errorText(error)}`
		);
		yield* (await second()).fullFrames(times.slice(done));
	}
}
