import 'fake-indexeddb/auto';
import { IDBCursor, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type KffDatabase } from '$lib/db/database';
import { queryHistory, type HistoryQuery, type HistorySort } from '$lib/db/history';
import { VIDEO_STATUSES } from '$lib/shared/status';
import { NOT_DELETED, type VideoRecord } from '$lib/db/types';
import { videoRecord } from '../support/records';

/**
 * Test-harness fix, not app code: fake-indexeddb restarts every continue()/advance() of a cursor
 * over a bounded key range at the range's start (O(n) per step, so page 400 took ~50 s), where
 * browsers seek. Narrowing the range to the cursor's position for each step keeps its results
 * (records before the position are skipped either way) and makes a step O(log n).
 */
interface CursorInternals {
	_range: IDBKeyRange | undefined;
	_position: unknown;
	direction: IDBCursorDirection;
	_iterate(...args: unknown[]): unknown;
}
const cursorProto = IDBCursor.prototype as unknown as CursorInternals;
const iterate = cursorProto._iterate;
cursorProto._iterate = function (this: CursorInternals, ...args: unknown[]) {
	const range = this._range;
	const at = this._position;
	if (!range || at === undefined) return iterate.apply(this, args);
	const forward = this.direction.startsWith('next');
	if (forward) {
		this._range =
			range.upper === undefined
				? IDBKeyRange.lowerBound(at)
				: IDBKeyRange.bound(at, range.upper, false, range.upperOpen);
	} else {
		this._range =
			range.lower === undefined
				? IDBKeyRange.upperBound(at)
				: IDBKeyRange.bound(range.lower, at, range.lowerOpen, false);
	}
	try {
		return iterate.apply(this, args);
	} finally {
		this._range = range;
	}
};

const COUNT = 10_000;
const PAGE_SIZE = 20;

/** mulberry32: reproducible data. */
function random(seed: number): () => number {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * Ties on purpose (repeated names, dates and durations) so the tie-break by id is checked too;
 * ~85 % completed and ~90 % tagged 'common' so that page 400 is full under those filters;
 * ~3 % not probed (durationSec null) and ~2 % in the trash. Persons (People): 'pa' in 90 % of the
 * videos, 'pb' in ~4 % (some with 'pa' too).
 */
function generate(count = COUNT, unprobed = 0.03): VideoRecord[] {
	const rnd = random(42);
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
	const stems = ['Beach', 'alpha', 'Zulu', 'clip', 'Clip', 'ÉTÉ'];
	return Array.from({ length: count }, (_, i) => {
		const createdAt = 1_700_000_000_000 + Math.floor(rnd() * 3_000) * 1_000;
		const tags = [rnd() < 0.9 ? 'common' : '', rnd() < 0.05 ? 'rare' : ''].filter(Boolean);
		return videoRecord({
			id:
				Math.floor(rnd() * 2 ** 48)
					.toString(16)
					.padStart(12, '0') + String(i).padStart(5, '0'),
			name: `${pick(stems)}_${Math.floor(rnd() * 3_000)}.mp4`,
			size: 1_000,
			durationSec: rnd() < unprobed ? null : Math.floor(rnd() * 600),
			fps: 30,
			width: 1280,
			height: 720,
			status: rnd() < 0.85 ? 'completed' : pick(VIDEO_STATUSES),
			tags,
			personIds: [i % 10 ? 'pa' : '', i % 23 ? '' : 'pb'].filter(Boolean),
			batchPosition: i,
			keyframeCount: 3,
			hasOriginal: true,
			createdAt,
			deletedAt: rnd() < 0.02 ? createdAt + 1 : NOT_DELETED
		});
	});
}

function compare(a: string | number, b: string | number): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** The documented order, computed the plain way. */
function expected(all: VideoRecord[], q: HistoryQuery): { ids: string[]; total: number } {
	const needle = q.search?.toLowerCase();
	const rows = all.filter(
		(v) =>
			v.deletedAt === NOT_DELETED &&
			(!q.status || v.status === q.status) &&
			(!q.tag || v.tags.includes(q.tag)) &&
			(!q.person || (v.personIds ?? []).includes(q.person)) &&
			(!needle || v.name.toLowerCase().includes(needle))
	);
	const sign = q.direction === 'asc' ? 1 : -1;
	const by = (key: (v: VideoRecord) => string | number) => (a: VideoRecord, b: VideoRecord) =>
		sign * (compare(key(a), key(b)) || compare(a.id, b.id));
	const known = rows.filter((v) => q.sort !== 'durationSec' || v.durationSec !== null);
	const unknown = rows.filter((v) => q.sort === 'durationSec' && v.durationSec === null);
	known.sort(by((v) => v[q.sort] ?? 0));
	unknown.sort(by((v) => v.createdAt));
	const start = (q.page - 1) * q.pageSize;
	return {
		ids: [...known, ...unknown].slice(start, start + q.pageSize).map((v) => v.id),
		total: rows.length
	};
}

const filters: Record<string, Pick<HistoryQuery, 'status' | 'tag' | 'person' | 'search'>> = {
	none: {},
	status: { status: 'completed' },
	tag: { tag: 'common' },
	search: { search: 'CLIP' },
	'status+tag+search': { status: 'completed', tag: 'rare', search: 'e' },
	person: { person: 'pa' },
	'status+person': { status: 'completed', person: 'pb' },
	'tag+person': { tag: 'common', person: 'pb' },
	'person+search': { person: 'pb', search: 'CLIP' }
};
const sorts: HistorySort[] = ['createdAt', 'name', 'durationSec'];
const directions = ['asc', 'desc'] as const;

let db: KffDatabase;
let all: VideoRecord[];
const timings: string[] = [];

beforeAll(async () => {
	db = createDatabase(`test-history-${crypto.randomUUID()}`);
	all = generate();
	const started = performance.now();
	await db.videos.bulkAdd(all);
	timings.push(`bulkAdd ${COUNT} videos: ${(performance.now() - started).toFixed(0)} ms`);
}, 60_000);

afterAll(async () => {
	console.log(`history query timings (fake-indexeddb)\n${timings.join('\n')}`);
	await db.delete();
});

describe('queryHistory on 10,000 videos', () => {
	for (const [filterName, filter] of Object.entries(filters)) {
		it(`pages match a plain in-memory sort, filter: ${filterName}`, async () => {
			for (const sort of sorts) {
				for (const direction of directions) {
					const total = expected(all, { ...filter, sort, direction, page: 1, pageSize: 1 }).total;
					const lastPage = Math.max(1, Math.ceil(total / PAGE_SIZE));
					const middle = Math.ceil(lastPage / 2);
					const pages = [1, middle, middle + 1, Math.min(400, lastPage), lastPage];
					for (const page of [...new Set(pages)]) {
						const q: HistoryQuery = { ...filter, sort, direction, page, pageSize: PAGE_SIZE };
						const started = performance.now();
						const result = await queryHistory(db, q);
						const ms = performance.now() - started;
						timings.push(
							`${filterName.padEnd(17)} ${sort.padEnd(11)} ${direction.padEnd(4)} page ${String(page).padEnd(3)} ${ms.toFixed(1).padStart(7)} ms`
						);
						const want = expected(all, q);
						expect(result.total, JSON.stringify(q)).toBe(want.total);
						expect(
							result.rows.map((v) => v.id),
							JSON.stringify(q)
						).toEqual(want.ids);
					}
				}
			}
		}, 60_000);
	}

	it('has data that exercises ties, full page 400 under filters and unknown durations', () => {
		const live = all.filter((v) => v.deletedAt === NOT_DELETED);
		expect(live.filter((v) => v.status === 'completed').length).toBeGreaterThan(400 * PAGE_SIZE);
		expect(live.filter((v) => v.tags.includes('common')).length).toBeGreaterThan(400 * PAGE_SIZE);
		expect(live.filter((v) => v.personIds!.includes('pa')).length).toBeGreaterThan(400 * PAGE_SIZE);
		expect(live.some((v) => v.durationSec === null)).toBe(true);
		expect(new Set(live.map((v) => v.name)).size).toBeLessThan(live.length);
		expect(new Set(live.map((v) => v.createdAt)).size).toBeLessThan(live.length);
	});
});

describe('queryHistory by duration with more unprobed videos than it reads to count them', () => {
	it('pages still match, the unprobed after the probed', async () => {
		const many = createDatabase(`test-history-unprobed-${crypto.randomUUID()}`);
		const rows = generate(2_000, 0.4);
		expect(rows.filter((v) => v.durationSec === null).length).toBeGreaterThan(500);
		await many.videos.bulkAdd(rows);
		for (const filter of [filters.none, filters.status, filters.tag, filters.person])
			for (const direction of directions) {
				const base = { ...filter, sort: 'durationSec' as const, direction, pageSize: PAGE_SIZE };
				const total = expected(rows, { ...base, page: 1 }).total;
				const lastPage = Math.ceil(total / PAGE_SIZE);
				const probed = rows.filter(
					(v) => v.durationSec !== null && expected([v], { ...base, page: 1 }).total === 1
				).length;
				// The page where the probed end and the unprobed begin, and one on either side.
				const crossing = Math.floor(probed / PAGE_SIZE) + 1;
				for (const page of new Set([1, crossing - 1, crossing, crossing + 1, lastPage])) {
					const q = { ...base, page };
					const result = await queryHistory(many, q);
					expect(result.total, JSON.stringify(q)).toBe(total);
					expect(
						result.rows.map((v) => v.id),
						JSON.stringify(q)
					).toEqual(expected(rows, q).ids);
				}
			}
		await many.delete();
	}, 60_000);
});
