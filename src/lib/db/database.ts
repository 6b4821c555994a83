// The Dexie schema: one class holds every version. Never drop a user's data in an upgrade.
import Dexie, { type EntityTable, type Table } from 'dexie';
import { shareConnection } from './connection';
import { derivedChanges, withDerivedKeys } from './derived-keys';
import type { PendingEditRecord } from './pending-edits';
import type { FaceRecord, PeopleDueRecord, PersonRecord } from './people-records';
import type { RerunProposalRecord } from './rerun-proposals';
import type {
	AnnotationRecord,
	BatchRecord,
	CandidateRecord,
	CheckpointRecord,
	KeyframeRecord,
	VideoBlobRecord,
	VideoRecord
} from './types';
import { personIdsByVideo } from './video-persons';

/** Version 1's indexes of `videos`; later versions add to them. */
export const VIDEOS_V1 = [
	'id',
	'status', // resetOrphanedProcessing
	'*tags',
	'[batchId+batchPosition]', // a batch's videos in queue order
	'[batchId+deletedAt+status+batchPosition]', // batchCounts, nextPendingVideo
	// history (deletedAt 0 = not in trash), with and without a status filter; also trash
	'[deletedAt+createdAt]',
	'[deletedAt+name]',
	'[deletedAt+durationSec]',
	'[deletedAt+status+createdAt]',
	'[deletedAt+status+name]',
	'[deletedAt+status+durationSec]'
];

/** Version 2's indexes of `videos`: the name search's and the tag filter's derived keys. */
const VIDEOS_V2 = [...VIDEOS_V1, '*nameGrams', '*tagKeys'];

/** Version 1's other tables (unchanged since). */
export const V1 = {
	videoBlobs: 'videoId',
	keyframes: 'id, &[videoId+frameIndex]',
	annotations: '[videoId+frameIndex], *tags',
	batches: 'id, createdAt'
};

export class KffDatabase extends Dexie {
	// `declare`: a class field would be initialised after super() and hide Dexie's table getters.
	declare videos: EntityTable<VideoRecord, 'id'>;
	declare videoBlobs: EntityTable<VideoBlobRecord, 'videoId'>;
	declare keyframes: EntityTable<KeyframeRecord, 'id'>;
	// EntityTable cannot name a compound primary key.
	declare annotations: Table<AnnotationRecord, [string, number]>;
	declare batches: EntityTable<BatchRecord, 'id'>;
	declare candidates: Table<CandidateRecord, [string, number]>;
	declare checkpoints: EntityTable<CheckpointRecord, 'videoId'>;
	declare faces: EntityTable<FaceRecord, 'id'>;
	declare persons: EntityTable<PersonRecord, 'id'>;
	declare peopleDue: EntityTable<PeopleDueRecord, 'videoId'>;
	declare rerunProposals: EntityTable<RerunProposalRecord, 'videoId'>;
	declare pendingEdits: EntityTable<PendingEditRecord, 'seq'>;

	constructor(name: string) {
		super(name);
		// Equal index keys are ordered by primary key (id), so every sort below is deterministic.
		// A compound index also serves queries on its leading part (e.g. where('batchId')).
		this.version(1).stores({ ...V1, videos: VIDEOS_V1.join(', ') });
		// v2: derived keys of the history's name search (`*nameGrams`, see name-grams.ts) and tag
		// filter (`*tagKeys`, see label-keys.ts), filled for every existing row here and kept in
		// step by the hooks below on every write.
		this.version(2)
			.stores({ videos: VIDEOS_V2.join(', ') })
			.upgrade((tx) =>
				tx
					.table<VideoRecord, string>('videos')
					.toCollection()
					.modify((v) => {
						withDerivedKeys(v);
					})
			);
		// v3: a video's failure and note are notices (a code and values, worded when shown in the
		// reader's language); sentences stored before keep their words as a 'text' notice. Videos
		// count their runs (`attempts`).
		this.version(3)
			.stores({})
			.upgrade((tx) =>
				tx
					.table<VideoRecord, string>('videos')
					.toCollection()
					.modify((v) => {
						const row = v as unknown as { error: unknown; message: unknown };
						if (typeof row.error === 'string') v.error = { code: 'text', text: row.error };
						if (typeof row.message === 'string') v.message = { code: 'text', text: row.message };
						v.attempts ??= 0;
					})
			);
		// v4: an unfinished run's scored samples (`candidates`) and how far it got (`checkpoints`),
		// so a reload continues a video where it stopped (see checkpoints.ts). New tables only:
		// existing rows are untouched, and a video without a checkpoint simply starts at frame 0.
		this.version(4).stores({ candidates: '[videoId+frameIndex]', checkpoints: 'videoId' });
		// v5: videos keep their file's content key (`contentKey`, indexed) to notice a file added
		// again. Rows from before get null here; start-up fills in those whose original is kept.
		this.version(5)
			.stores({ videos: [...VIDEOS_V2, 'contentKey'].join(', ') })
			.upgrade((tx) =>
				tx
					.table<VideoRecord, string>('videos')
					.toCollection()
					.modify((v) => {
						v.contentKey ??= null;
					})
			);
		// v7 (People): faces with identity embeddings, grouped into persons (see people.ts). New
		// tables only: existing videos simply have no faces until they are run again.
		this.version(7).stores({ faces: 'id, videoId, personId', persons: 'id' });
		// v8: completed videos whose faces People embeds after their run (`peopleDue`; videos
		// completed before were embedded during their run, or are "older" ones), and re-run
		// proposals not yet kept or dropped (`rerunProposals`). New tables only.
		this.version(8).stores({ peopleDue: 'videoId', rerunProposals: 'videoId' });
		// v9: edits asked for and not applied yet (`pendingEdits`, see pending-edits.ts). A new
		// table only.
		this.version(9).stores({ pendingEdits: '++seq' });
		// v10: `keyless` (derived, see derived-keys.ts) indexes the videos start-up still has to
		// key, which it found by reading every row on every start (~1 s of IndexedDB at 10,000
		// videos, in front of the first page's queries).
		this.version(10)
			.stores({ videos: [...VIDEOS_V2, 'contentKey', 'keyless'].join(', ') })
			.upgrade((tx) =>
				tx
					.table<VideoRecord, string>('videos')
					.filter((v) => v.contentKey === null && v.hasOriginal)
					.modify({ keyless: 1 })
			);
		// v11: faces by person and quality, so the People page lists each person's faces best first
		// from index keys; it read every face with its embedding (2.8–6.6 s at 30,000 faces).
		// IndexedDB builds the index from the stored faces.
		this.version(11).stores({ faces: 'id, videoId, personId, [personId+quality]' });
		// v12: `unprobed` (derived, see derived-keys.ts) indexes the videos without a duration,
		// which the duration indexes leave out: counted from it, a far page of the duration sort is
		// read from the index's nearer end instead of passing ~8,000 keys from its start.
		this.version(12)
			.stores({ videos: [...VIDEOS_V2, 'contentKey', 'keyless', 'unprobed'].join(', ') })
			.upgrade((tx) =>
				tx
					.table<VideoRecord, string>('videos')
					.filter((v) => (v.durationSec ?? null) === null)
					.modify({ unprobed: 1 })
			);
		// v13: the persons with a face in each video (`personIds`, kept by people.ts with the faces)
		// and their derived `*personKeys` (label-keys.ts) serve the history's person filter as
		// `*tagKeys` serves the tag filter; it read the ids of the person's faces and every one of
		// their videos' rows (128–150 ms for a person in 500 of 10,000 videos).
		this.version(13)
			.stores({
				videos: [...VIDEOS_V2, 'contentKey', 'keyless', 'unprobed', '*personKeys'].join(', ')
			})
			.upgrade(async (tx) => {
				const persons = await personIdsByVideo(tx.table<FaceRecord, string>('faces'));
				await tx
					.table<VideoRecord, string>('videos')
					.where(':id')
					.anyOf([...persons.keys()])
					.modify((v) => {
						v.personIds = persons.get(v.id);
						withDerivedKeys(v);
					});
			});
		// Every writer (this folder, the scheduler, an upgrade) goes through these, so no derived
		// field lags its sources.
		this.videos.hook('creating', (_id, row) => {
			withDerivedKeys(row);
		});
		this.videos.hook('updating', (changes: Partial<VideoRecord>, _id, row: VideoRecord) =>
			derivedChanges(changes, row)
		);
		// A newer tab upgrades the schema: write what is pending, let go, and load the new code.
		shareConnection(this, () => {
			if (typeof window !== 'undefined') window.location.reload();
		});
	}
}

export function createDatabase(name = 'key-face-frame'): KffDatabase {
	return new KffDatabase(name);
}

/** A query over videos, as `where()`/`orderBy()` return it. */
export type VideoCollection = ReturnType<KffDatabase['videos']['toCollection']>;

let shared: KffDatabase | undefined;

/** The app's database, opened on first use (never at import, so SSR/prerender never touch it). */
export function db(): KffDatabase {
	shared ??= createDatabase();
	return shared;
}
