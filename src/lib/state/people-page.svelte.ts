// The People page: one live list of persons (hidden ones on request), a person's keyframes when
// `?person=` names one, the edits (rename, hide, merge, move a face), finding a person from a
// photo, and why face recognition is unavailable when it is.
import { SvelteMap } from 'svelte/reactivity';
import { page } from '$app/state';
import { scheduler } from '$lib/batch/scheduler-instance';
import { db } from '$lib/db/database';
import {
	keyframesOfPerson,
	listPersons,
	labelPerson,
	personCentres,
	type PersonLabel,
	type PersonRecord,
	videosOfPerson,
	videosWithoutFaces
} from '$lib/db/people';
import { applyLeftEdits } from '$lib/db/pending-edits';
import { mergePersons, moveFace } from '$lib/db/person-edits';
import { errorMessage } from '$lib/pipeline/failure-message';
import { matchPerson } from '$lib/people/match';
import { exportChoices } from './export-choices.svelte';
import { exportVideos } from './export-videos';
import { LiveQuery } from './live-query.svelte';
import { ReferencePhoto } from './reference-photo.svelte';

/** A person's keyframes shown at first, and added by each "Show more". */
export const PERSON_PAGE_SIZE = 48;

/** "Find people in older videos": how far it got, how it ended. */
export type OlderProgress =
	| { kind: 'working'; done: number; count: number }
	| { kind: 'done'; count: number }
	| { kind: 'failed'; reason: string };

export type FindResult = { kind: 'match'; personId: string } | { kind: 'no-match' } | null;

export class PeoplePageState {
	showHidden = $state(false);
	readonly list = new LiveQuery(() => {
		const withHidden = this.showHidden;
		return () => listPersons(db(), withHidden);
	});
	readonly personId = $derived(page.url.searchParams.get('person'));
	#shown = $state(PERSON_PAGE_SIZE);
	readonly keyframes = new LiveQuery(() => {
		const id = this.personId;
		const limit = this.#shown;
		return () => (id ? keyframesOfPerson(db(), id, { offset: 0, limit }) : Promise.resolve(null));
	});
	/** The videos the open person is in: their ZIP has a folder per video. */
	readonly videoIds = new LiveQuery(() => {
		const id = this.personId;
		return () => (id ? videosOfPerson(db(), id) : Promise.resolve([]));
	});
	readonly exportVideos = exportVideos;
	readonly exportChoices = exportChoices();
	readonly photo = new ReferencePhoto();
	/** Completed videos with keyframes whose faces People has not seen. */
	readonly older = new LiveQuery(() => () => videosWithoutFaces(db()));
	#olderProgress = $state<OlderProgress | null>(null);
	/** Labels this page wrote, and when: the live list may not show them yet. */
	readonly #labelled = new SvelteMap<string, { label: PersonLabel; at: number }>();
	#found = $state.raw<FindResult>(null);
	#unavailable = $state<string | null>(null);

	constructor() {
		// Edits a page left before they were applied (the leading tab applies them at start-up too).
		void applyLeftEdits(db());
		$effect(() => {
			const embedding = this.photo.embedding;
			if (!embedding) {
				this.#found = null;
				return;
			}
			void personCentres(db()).then((persons) => {
				const match = matchPerson(persons, [embedding]);
				this.#found = match ? { kind: 'match', personId: match.person.id } : { kind: 'no-match' };
			});
		});
	}

	/** Loads the recognition model in a worker to learn whether People can run here. */
	async checkAvailable() {
		this.#unavailable = await scheduler()
			.peopleUnavailable()
			.catch((error: unknown) => String(error));
	}

	/** Why face recognition cannot run on this device, or null. */
	get unavailable(): string | null {
		return this.#unavailable;
	}

	get found(): FindResult {
		return this.#found;
	}

	get olderProgress(): OlderProgress | null {
		return this.#olderProgress;
	}

	/** Embeds the faces of the older videos' kept keyframes, one video at a time, and groups them. */
	async findInOlder() {
		const ids = this.older.current ?? [];
		if (ids.length === 0 || this.#olderProgress?.kind === 'working') return;
		try {
			for (const [done, id] of ids.entries()) {
				this.#olderProgress = { kind: 'working', done, count: ids.length };
				await scheduler().embedFaces(id);
			}
			this.#olderProgress = { kind: 'done', count: ids.length };
		} catch (error) {
			this.#olderProgress = { kind: 'failed', reason: errorMessage(error) };
		}
	}

	showMore() {
		this.#shown += PERSON_PAGE_SIZE;
	}

	rename(person: PersonRecord, name: string) {
		return this.#label(person, { name });
	}

	setHidden(person: PersonRecord, hidden: boolean) {
		return this.#label(person, { hidden });
	}

	/** The edit over the row shown, and over this page's earlier edits the row does not show yet. */
	#label(shown: PersonRecord, label: PersonLabel) {
		const mine = this.#labelled.get(shown.id);
		const pending = mine && mine.at > shown.updatedAt ? mine.label : {};
		const at = Math.max(Date.now(), (mine?.at ?? 0) + 1);
		this.#labelled.set(shown.id, { label: { ...pending, ...label }, at });
		return labelPerson(db(), { ...shown, ...pending }, label, at);
	}

	merge(from: string, into: string) {
		return mergePersons(db(), from, into);
	}

	/** `to` null: a new person. */
	moveFace(faceId: string, to: string | null) {
		return moveFace(db(), faceId, to);
	}
}
