import { describe, expect, it } from 'vitest';
import type { PlannedChunk } from '$lib/pipeline/chunk-plan';
import { NotAsPlanned, passAlongside } from '../../src/workers/decoders/alongside-pass';
import { HelperFailure } from '../../src/workers/decoders/ffmpeg-helper';

const chunks: PlannedChunk[] = [0, 1, 2, 3, 4].map((i) => ({
	firstIndex: i * 50,
	times: [i * 2, i * 2 + 1]
}));

interface Run {
	chunk: number;
	cancelled: boolean;
	cancel(): void;
}

/**
 * A pass that logs what happens, in order: `here n` and `helper n` when a chunk is decoded or
 * started, `take n` when the helper's frames are handed over, `between` after each chunk.
 */
const always = () => true;

function logged({
	helps = always as (chunk: number) => boolean,
	failAt = null as { step: string; error: Error } | null,
	held = false
} = {}) {
	const log: string[] = [];
	const runs: Run[] = [];
	const step = (what: string) => {
		log.push(what);
		if (failAt?.step === what) throw failAt.error;
	};
	const index = (chunk: PlannedChunk) => chunks.indexOf(chunk);
	const decoding = {
		startHelped(chunk: PlannedChunk) {
			if (!helps(index(chunk))) return null;
			step(`helper ${index(chunk)}`);
			const run: Run = {
				chunk: index(chunk),
				cancelled: false,
				cancel: () => void (run.cancelled = true)
			};
			runs.push(run);
			return run;
		},
		decodeHere(chunk: PlannedChunk, results: Promise<void>[]) {
			step(`here ${index(chunk)}`);
			if (held)
				results.push(
					new Promise((resolve) => setTimeout(resolve, 0)).then(
						() => void log.push(`held ${index(chunk)}`)
					)
				);
		},
		async takeHelped(run: Run, chunk: PlannedChunk) {
			expect(run.chunk).toBe(index(chunk));
			await Promise.resolve();
			step(`take ${index(chunk)}`);
		},
		async between(behind: Promise<unknown>) {
			await behind;
			log.push('between');
		}
	};
	return { log, runs, decoding };
}

describe('passAlongside', () => {
	it('gives the helper every other chunk before decoding the one before it, in order', async () => {
		const { log, decoding } = logged();
		expect(await passAlongside(chunks, decoding)).toBe(true);
		expect(log).toEqual([
			...['helper 1', 'here 0', 'between', 'take 1', 'between'],
			...['helper 3', 'here 2', 'between', 'take 3', 'between'],
			...['here 4', 'between']
		]);
	});

	it('decodes here a chunk not to be given to the helper (over its budget)', async () => {
		const { log, decoding } = logged({ helps: (i) => i !== 1 });
		expect(await passAlongside(chunks, decoding)).toBe(true);
		expect(log.filter((l) => l !== 'between')).toEqual([
			...['here 0', 'helper 2', 'here 1', 'take 2'],
			...['helper 4', 'here 3', 'take 4']
		]);
	});

	it("waits for a chunk's held-back frames one chunk late", async () => {
		const { log, decoding } = logged({ helps: () => false, held: true });
		await passAlongside(chunks.slice(0, 3), decoding);
		expect(log).toEqual([
			'here 0',
			'between',
			'here 1',
			'held 0',
			'between',
			'here 2',
			'held 1',
			'between',
			'held 2'
		]);
	});

	for (const [what, error] of [
		['a chunk not as planned', new NotAsPlanned()],
		['the helper failing', new HelperFailure('thread stopped')]
	] as const) {
		it(`stops at ${what}, giving up the helper's chunk under way`, async () => {
			const { log, runs, decoding } = logged({ failAt: { step: 'here 2', error } });
			expect(await passAlongside(chunks, decoding)).toBe(false);
			expect(log.at(-1)).toBe('here 2');
			expect(runs.map((r) => [r.chunk, r.cancelled])).toEqual([
				[1, false],
				[3, true]
			]);
		});
	}

	it("throws the consumer's own error (a range's end, a detector failure)", async () => {
		const { runs, decoding } = logged({
			failAt: { step: 'take 1', error: new Error('detector failed') }
		});
		await expect(passAlongside(chunks, decoding)).rejects.toThrow('detector failed');
		expect(runs.every((r) => !r.cancelled || r.chunk !== 1)).toBe(true);
	});
});
