// The history page: live videos, filtered, sorted and paged on indexes.
//
// Order: IndexedDB orders equal index keys by primary key, so ties break by id (descending
// when the direction is 'desc'). Names compare by UTF-16 code units (case-sensitive), as the
// index does. Videos not probed yet (durationSec null) are in no duration index; under the
// duration sort they come after all others, newest or oldest first as the direction says.
//
// Cost per query (n = live videos, of the status if one is chosen):
// - no search: cursor.advance(offset) on a compound index (`*tagKeys` under a tag, `*personKeys`
//   under a person, see label-keys.ts) skips keys without reading rows (from the end nearer the
//   page), then pageSize rows are read; the total is a native count (liveCount). The duration
//   index lacks the videos not probed yet: they are read from their own (`unprobed`) index, so
//   that the probed ones are counted and a far page is read from the nearer end too (past
//   UNPROBED_READ of them, pages are walked from the start and a page that reaches them reads
//   the ids of both ranges, keys only).
// - search: the name matches from `*nameGrams` (see videosNamed: native lookups, then only the
//   candidates' rows). Up to ORDER_IN_MEMORY_UP_TO of them are filtered and sorted in memory;
//   more are intersected with the ids of the range in sort order (O(n) primary keys, no row
//   values) and only the page's rows are read.
// - a person with a search or a tag: the person's live videos (their ids on `*personKeys`),
//   ordered in memory as a search's few matches are, or intersected as its many are (and with
//   the search's matches when both are asked for).
import type { KffDatabase, VideoCollection } from './database';
import { withPrefix } from './key-range';
import { needleGrams, searchText } from './name-grams';
import { trashedVideos } from './trashed-videos';
import type { VideoStatus } from '$lib/shared/status';
import { NOT_DELETED, type VideoRecord } from './types';

export type HistorySort = 'createdAt' | 'name' | 'durationSec';
type Direction = 'asc' | 'desc';

export interface HistoryQuery {
	status?: VideoStatus;
	tag?: string;
	/** Only videos in which this person (People) has a face. */
	person?: string;
	/** Case-insensitive substring of the name. */
	search?: string;
	sort: HistorySort;
	direction: Direction;
	/** 1-based. */
	page: number;
	pageSize: number;
}

export interface HistoryPage {
	rows: VideoRecord[];
	total: number;
}

/** A label filter and the index of its keys (label-keys.ts). */
interface Label {
	index: 'tagKeys' | 'personKeys';
	value: string;
}

/** The label filter the indexes serve: the tag, else the person (with both, see narrowed). */
function labelOf(q: HistoryQuery): Label | undefined {
	if (q.tag) return { index: 'tagKeys', value: q.tag };
	if (q.person) return { index: 'personKeys', value: q.person };
	return undefined;
}

/** Live videos having a value for `by`, in `by` order, optionally of one status and one label. */
function sorted(
	db: KffDatabase,
	by: HistorySort,
	status: VideoStatus | undefined,
	direction: Direction = 'asc',
	label?: Label
): VideoCollection {
	const scope = status ? [NOT_DELETED, status] : [NOT_DELETED];
	const c = label
		? db.videos.where(label.index).between(...withPrefix(label.value, ...scope, by), true, true)
		: status
			? db.videos.where(`[deletedAt+status+${by}]`).between(...withPrefix(...scope), true, true)
			: db.videos.where(`[deletedAt+${by}]`).between(...withPrefix(...scope), true, true);
	return direction === 'desc' ? c.reverse() : c;
}

// Helpers called inside the transaction chain Dexie promises instead of nesting async functions:
// a native await two async frames deep can resume outside Dexie's zone, and the next query then
// runs outside the transaction (PrematureCommitError) or unseen by liveQuery.

/** Ids of the live (status) videos in the query's order, unprobed ones last for duration. */
function orderedIds(db: KffDatabase, q: HistoryQuery): Promise<string[]> {
	const inOrder = (ids: string[]) => (q.direction === 'desc' ? ids.reverse() : ids);
	const ids = sorted(db, q.sort, q.status, 'asc', labelOf(q)).primaryKeys();
	if (q.sort !== 'durationSec') return ids.then(inOrder);
	return ids.then((probed) =>
		unprobedIds(db, q, probed).then((rest) => [...inOrder(probed), ...inOrder(rest)])
	);
}

/** Ids absent from the duration index, in date order (ascending). */
function unprobedIds(db: KffDatabase, q: HistoryQuery, probed: string[]): Promise<string[]> {
	const known = new Set(probed);
	return sorted(db, 'createdAt', q.status, 'asc', labelOf(q))
		.primaryKeys()
		.then((ids) => ids.filter((id) => !known.has(id)));
}

/** How many of the rarest pieces of a long needle are intersected before names are checked. */
const PIECES_INTERSECTED = 2;
/**
 * A piece of a long needle with at most this many videos is rare: its first RARE_PIECE + 1 ids
 * tell, without a native count, which reads every entry of the piece (10,000 for " cl" of a
 * library of "clip …" names).
 */
const RARE_PIECE = 500;
/**
 * Up to this many name matches are read and put in order in memory; more are ordered by the
 * sort index's ids (O(n) keys), which then costs less than reading them all.
 */
const ORDER_IN_MEMORY_UP_TO = 2_000;

/** The videos whose lowercased name holds the piece `gram` (name-grams.ts). */
function withPiece(db: KffDatabase, gram: string): VideoCollection {
	return db.videos.where('nameGrams').equals(gram);
}

/** Name matches: their ids, and their rows when they were read. */
interface Named {
	ids: Set<string>;
	rows: VideoRecord[] | null;
}

/** The videos of `ids` that `keep` keeps, their rows read (to order in memory). */
function withRows(
	db: KffDatabase,
	ids: string[],
	keep: (v: VideoRecord) => boolean = () => true
): Promise<Named> {
	return db.videos
		.bulkGet(ids)
		.then((rows) => rows.filter((v): v is VideoRecord => v !== undefined && keep(v)))
		.then((rows) => ({ ids: new Set(rows.map((v) => v.id)), rows }));
}

/**
 * Videos (any status, trash too; the caller narrows them) whose lowercased name contains
 * `needle`, from the `*nameGrams` index: a short needle is one exact lookup; a long one takes
 * the ids of its rarest pieces and checks the names of those candidates only. The rare pieces
 * are known from a few ids of each; only when every piece is common do native counts pick them.
 */
function videosNamed(db: KffDatabase, needle: string): Promise<Named> {
	const { grams, exact } = needleGrams(needle);
	const read = (candidates: string[]) =>
		withRows(db, candidates, (v) => searchText(v.name).includes(needle));
	if (exact) {
		return withPiece(db, grams[0])
			.primaryKeys()
			.then((found) =>
				found.length <= ORDER_IN_MEMORY_UP_TO ? read(found) : { ids: new Set(found), rows: null }
			);
	}
	const head = (gram: string) =>
		withPiece(db, gram)
			.limit(RARE_PIECE + 1)
			.primaryKeys();
	return Promise.all(grams.map(head))
		.then((heads) => {
			const rare = heads
				.filter((ids) => ids.length <= RARE_PIECE)
				.sort((a, b) => a.length - b.length)
				.slice(0, PIECES_INTERSECTED);
			return rare.length ? rare : rarestByCount(db, grams);
		})
		.then((lists) => {
			const [first, ...others] = lists.map((l) => new Set(l));
			return read([...first].filter((id) => others.every((s) => s.has(id))));
		});
}

/** The ids of the PIECES_INTERSECTED rarest of `grams`, picked by native counts. */
function rarestByCount(db: KffDatabase, grams: string[]): Promise<string[][]> {
	return Promise.all(grams.map((g) => withPiece(db, g).count())).then((counts) => {
		const rarest = grams
			.map((g, i) => [g, counts[i]] as const)
			.sort((a, b) => a[1] - b[1])
			.slice(0, PIECES_INTERSECTED);
		return Promise.all(rarest.map(([g]) => withPiece(db, g).primaryKeys()));
	});
}

function compareKeys(a: string | number, b: string | number): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The rows of the query's scope (live, status, tag) in the order its index gives: by the sort
 * key, ties by id (strings compare by UTF-16 code units, as IndexedDB does), unprobed videos
 * after the others by date under the duration sort; all reversed for 'desc'.
 */
function inQueryOrder(rows: VideoRecord[], q: HistoryQuery): VideoRecord[] {
	const scoped = rows.filter((v) => inScope(v, q));
	const probed = scoped.filter((v) => v[q.sort] !== null);
	probed.sort((a, b) => compareKeys(a[q.sort]!, b[q.sort]!) || compareKeys(a.id, b.id));
	if (q.direction === 'desc') probed.reverse();
	return [
		...probed,
		...byDate(
			scoped.filter((v) => v[q.sort] === null),
			q.direction
		)
	];
}

/** Whether `v` is in the query's scope: live, of its status, tag and person when asked. */
function inScope(v: VideoRecord, q: HistoryQuery): boolean {
	return (
		v.deletedAt === NOT_DELETED &&
		(!q.status || v.status === q.status) &&
		(!q.tag || v.tags.includes(q.tag)) &&
		(!q.person || (v.personIds ?? []).includes(q.person))
	);
}

/** `rows` by date, ties by id (as the date index orders them), in `direction`. */
function byDate(rows: VideoRecord[], direction: Direction): VideoRecord[] {
	rows.sort((a, b) => compareKeys(a.createdAt, b.createdAt) || compareKeys(a.id, b.id));
	return direction === 'desc' ? rows.reverse() : rows;
}

/**
 * The live videos in which the person has a face (any status; the caller narrows them), read
 * when few enough to order in memory, as a search's matches are.
 */
function videosWithPerson(db: KffDatabase, personId: string): Promise<Named> {
	return sorted(db, 'createdAt', undefined, 'asc', { index: 'personKeys', value: personId })
		.primaryKeys()
		.then((ids) =>
			ids.length <= ORDER_IN_MEMORY_UP_TO ? withRows(db, ids) : { ids: new Set(ids), rows: null }
		);
}

/** The videos matching the name and the person: at least one of them is asked for. */
function narrowed(db: KffDatabase, needle: string | undefined, personId: string | undefined) {
	if (needle === undefined) return videosWithPerson(db, personId!);
	if (personId === undefined) return videosNamed(db, needle);
	return Promise.all([videosNamed(db, needle), videosWithPerson(db, personId)]).then(
		([named, withPerson]) => ({
			ids: new Set([...named.ids].filter((id) => withPerson.ids.has(id))),
			rows:
				named.rows?.filter((v) => withPerson.ids.has(v.id)) ??
				withPerson.rows?.filter((v) => named.ids.has(v.id)) ??
				null
		})
	);
}

async function filteredPage(
	db: KffDatabase,
	q: HistoryQuery,
	named: Named,
	offset: number
): Promise<HistoryPage> {
	if (named.rows) {
		const all = inQueryOrder(named.rows, q);
		return { rows: all.slice(offset, offset + q.pageSize), total: all.length };
	}
	const ids = (await orderedIds(db, q)).filter((id) => named.ids.has(id));
	// Every id exists (same transaction); the filter only narrows the type.
	const rows = await db.videos.bulkGet(ids.slice(offset, offset + q.pageSize));
	return { rows: rows.filter((v) => v !== undefined), total: ids.length };
}

/**
 * The page's rows from the sort index, which holds `total` entries in scope (null: not known).
 * A cursor passes `offset` keys one by one, so a page in the second half is read from the other
 * end (the reverse direction is the exact reverse order, ties included) and turned round.
 * Past the first page the cursor walks keys only and the page's rows are read by id after: a
 * cursor over rows reads every row it passes (past 7,980: 40 ms, against 29 ms for keys here).
 */
function pageRows(
	db: KffDatabase,
	q: HistoryQuery,
	offset: number,
	total: number | null
): Promise<VideoRecord[]> {
	const after = total === null ? 0 : total - offset - q.pageSize;
	const fromStart = total === null || offset <= after;
	const size = fromStart ? q.pageSize : Math.min(q.pageSize, total - offset);
	const skip = fromStart ? offset : Math.max(0, after);
	if (size <= 0) return Promise.resolve([]);
	const walk: Direction = fromStart ? q.direction : q.direction === 'asc' ? 'desc' : 'asc';
	const inOrder = (rows: VideoRecord[]) => (fromStart ? rows : rows.reverse());
	const walked = sorted(db, q.sort, q.status, walk, labelOf(q)).offset(skip).limit(size);
	if (skip === 0) return walked.toArray().then(inOrder);
	return walked
		.primaryKeys()
		.then((ids) => db.videos.bulkGet(ids))
		.then((rows) => inOrder(rows.filter((v) => v !== undefined)));
}

/**
 * How many live videos the query's scope (status, tag) holds. With neither, the store's count
 * less the Trash's: Chromium checks every index entry it counts against its row (10,000 entries
 * took 34–104 ms here, the store's own count 5–11 ms), and the Trash is the small part.
 */
function liveCount(db: KffDatabase, q: HistoryQuery): Promise<number> {
	if (q.status || labelOf(q)) return sorted(db, 'createdAt', q.status, 'asc', labelOf(q)).count();
	return Promise.all([db.videos.count(), trashedVideos(db).count()]).then(
		([all, trashed]) => all - trashed
	);
}

/** Up to this many videos without a duration are read to count those in the query's scope. */
const UNPROBED_READ = 500;

/**
 * The videos in the query's scope that have no duration, in the query's order (by date), read
 * from the `unprobed` index; null when there are more than UNPROBED_READ of any scope.
 */
function unprobedInScope(db: KffDatabase, q: HistoryQuery): Promise<VideoRecord[] | null> {
	return db.videos
		.where('unprobed')
		.equals(1)
		.limit(UNPROBED_READ + 1)
		.primaryKeys()
		.then((ids) =>
			ids.length > UNPROBED_READ
				? null
				: db.videos.bulkGet(ids).then((rows) =>
						byDate(
							rows.filter((v): v is VideoRecord => v !== undefined && inScope(v, q)),
							q.direction
						)
					)
		);
}

async function indexedPage(db: KffDatabase, q: HistoryQuery, offset: number): Promise<HistoryPage> {
	if (q.sort !== 'durationSec') {
		const total = await liveCount(db, q);
		return { rows: await pageRows(db, q, offset, total), total };
	}
	// The duration index holds the probed videos; the unprobed follow them.
	const [total, unprobed] = await Promise.all([liveCount(db, q), unprobedInScope(db, q)]);
	const probedCount = unprobed ? total - unprobed.length : null;
	const head = await pageRows(db, q, offset, probedCount);
	if (head.length === q.pageSize) return { rows: head, total };
	const tail = <T>(rest: T[], probed: number) =>
		rest.slice(Math.max(0, offset - probed), offset + q.pageSize - probed);
	if (unprobed) return { rows: [...head, ...tail(unprobed, probedCount!)], total };
	// Too many to read: their ids are those of the scope's date range less the probed.
	const probed = await sorted(db, 'durationSec', q.status, 'asc', labelOf(q)).primaryKeys();
	const rest = await unprobedIds(db, q, probed);
	if (q.direction === 'desc') rest.reverse();
	const rows = await db.videos.bulkGet(tail(rest, probed.length));
	return { rows: [...head, ...rows.filter((v) => v !== undefined)], total };
}

export function queryHistory(db: KffDatabase, q: HistoryQuery): Promise<HistoryPage> {
	const needle = searchText(q.search?.trim() ?? '') || undefined;
	const offset = (q.page - 1) * q.pageSize;
	// One read transaction: the page and the total come from the same snapshot.
	return db.transaction('r', db.videos, () =>
		needle || (q.person && q.tag)
			? narrowed(db, needle, q.person).then((named) => filteredPage(db, q, named, offset))
			: indexedPage(db, q, offset)
	);
}

/** What a history row shows besides the video itself. */
export interface HistoryRowDetails {
	/** Keyframes not marked deleted (those are left out of exports). */
	kept: number;
	/** null when the batch row is gone. */
	batchName: string | null;
}

export interface HistoryView extends HistoryPage {
	details: Map<string, HistoryRowDetails>;
}

/**
 * How many of `v`'s keyframes are not marked deleted. Reads its annotations, and its keyframe
 * index keys only where one is marked deleted (never an image). An annotation of a frame that is
 * no longer a keyframe (after a rerun) does not count.
 */
function keptKeyframes(db: KffDatabase, v: VideoRecord): Promise<number> {
	const range = withPrefix(v.id);
	return db.annotations
		.where('[videoId+frameIndex]')
		.between(...range, true, true)
		.filter((a) => a.deleted)
		.toArray()
		.then((marked) => {
			if (!marked.length || !v.keyframeCount) return v.keyframeCount;
			return db.keyframes
				.where('[videoId+frameIndex]')
				.between(...range, true, true)
				.keys()
				.then((keys) => {
					const frames = new Set<unknown>(keys.map((k) => (Array.isArray(k) ? k[1] : null)));
					const dropped = marked.filter((a) => frames.has(a.frameIndex)).length;
					return Math.max(0, v.keyframeCount - dropped);
				});
		});
}

/**
 * Kept keyframes and batch names of the given videos (one page). Every row's reads are asked for
 * at once: one after another, each waited on a main thread still busy loading the page (24–37 ms
 * of a page's query here, 5–17 ms at once).
 */
export function historyRowDetails(
	db: KffDatabase,
	rows: VideoRecord[]
): Promise<Map<string, HistoryRowDetails>> {
	return db.transaction('r', [db.keyframes, db.annotations, db.batches], () => {
		const batchIds = [...new Set(rows.map((v) => v.batchId))];
		return Promise.all([
			db.batches.bulkGet(batchIds),
			Promise.all(rows.map((v) => keptKeyframes(db, v)))
		]).then(([batches, kept]) => {
			const batchName = new Map(batchIds.map((id, i) => [id, batches[i]?.name ?? null]));
			return new Map(
				rows.map((v, i) => [v.id, { kept: kept[i], batchName: batchName.get(v.batchId) ?? null }])
			);
		});
	});
}

/** A history page with its rows' details, from one snapshot (for one live query). */
export function queryHistoryView(db: KffDatabase, q: HistoryQuery): Promise<HistoryView> {
	const tables = [db.videos, db.faces, db.keyframes, db.annotations, db.batches];
	return db.transaction('r', tables, async () => {
		const page = await queryHistory(db, q);
		return { ...page, details: await historyRowDetails(db, page.rows) };
	});
}
