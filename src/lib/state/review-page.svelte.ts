// The review page of one video: the video, its keyframes and annotations (live), the optimistic
// annotation edits (AnnotationsManager), the gallery selection, and the video's own tags. A video in
// the Trash is shown read-only until it is restored.
// Focus and keyboard stay in the page component (they need its DOM); the data lives here.
import { allTags, getAnnotations, putAnnotations } from '$lib/db/annotations';
import { holdPendingWrites } from '$lib/db/connection';
import { db } from '$lib/db/database';
import { keyframesOfVideo } from '$lib/db/keyframes';
import { personOptions, personsOfVideo } from '$lib/db/people';
import { restoreVideosFromTrash } from '$lib/db/trash-edits';
import { NOT_DELETED } from '$lib/db/types';
import { getVideo, getVideoFile, setVideoTags } from '$lib/db/videos';
import { m } from '$lib/paraglide/messages';
import { framesWithPerson } from '$lib/people/face-key';
import { errorMessage } from '$lib/pipeline/failure-message';
import { purgeAt } from '$lib/shared/trash-retention';
import { AnnotationsManager } from './annotations-manager.svelte';
import { CurationState } from './curation.svelte';
import { exportChoices } from './export-choices.svelte';
import { exportVideos } from './export-videos';
import { emptySelection, keepExisting, type GallerySelection } from './gallery-selection';
import { sortKeyframes } from './keyframe-order';
import { LiveQuery } from './live-query.svelte';
import { matchesRatingFilter, type RatingFilter } from './rating-filter';
import { settingsStore } from './settings.svelte';

/** Who the faces are, until the video's are read. */
const NO_FACES: ReadonlyMap<string, { personId: string }> = new Map();

export class ReviewPageState {
	#videoId: () => string;
	readonly video = new LiveQuery(() => {
		const id = this.#videoId();
		return () => getVideo(db(), id);
	});
	readonly keyframes = new LiveQuery(() => {
		const id = this.#videoId();
		return () => keyframesOfVideo(db(), id);
	});
	readonly stored = new LiveQuery(() => {
		const id = this.#videoId();
		return () => getAnnotations(db(), id);
	});
	readonly tagsInUse = new LiveQuery(() => () => allTags(db()));
	/** Who each face of the video is, and the persons to filter by. */
	readonly people = new LiveQuery(() => {
		const id = this.#videoId();
		return () => personsOfVideo(db(), id);
	});
	readonly personOptions = new LiveQuery(() => {
		const id = this.#videoId();
		return () => personOptions(db(), [id]);
	});
	readonly manager = new AnnotationsManager({
		stored: () => this.stored.current,
		write: (writes, now) => putAnnotations(db(), this.#videoId(), writes, now),
		locked: () => this.trashed
	});
	readonly exportVideos = exportVideos;
	readonly exportChoices = exportChoices();

	#chosen = $state.raw<GallerySelection<number>>(emptySelection());
	#ratingFilter = $state<RatingFilter>('all');
	#personFilter = $state<string | null>(null);
	#videoTagError = $state<string | null>(null);

	readonly curation = new CurationState(
		() => this.#videoId(),
		() => this.video.current
	);
	/** Every keyframe of the video, in the chosen order; the counts are of these. */
	readonly allFrames = $derived(sortKeyframes(this.keyframes.current ?? [], this.curation.order));
	/** The frames the person filter lets through, or null for all. */
	readonly #ofPerson = $derived(
		this.#personFilter
			? framesWithPerson(this.people.current ?? NO_FACES, this.#personFilter)
			: null
	);
	/** The keyframes the gallery shows (the rating and person filters applied). */
	readonly frames = $derived(
		this.allFrames.filter(
			(k) =>
				matchesRatingFilter(this.manager.get(k.frameIndex), this.#ratingFilter) &&
				(!this.#ofPerson || this.#ofPerson.has(k.frameIndex))
		)
	);
	/** Frame indexes in gallery order. */
	readonly order = $derived(this.frames.map((k) => k.frameIndex));
	readonly selection = $derived(keepExisting(this.#chosen, this.order));
	readonly current = $derived(this.frames.find((k) => k.frameIndex === this.selection.current));
	readonly position = $derived(this.current ? this.order.indexOf(this.current.frameIndex) : -1);
	/** Kept keyframes (not marked deleted). */
	readonly kept = $derived(
		this.allFrames.filter((k) => !this.manager.get(k.frameIndex).deleted).length
	);
	readonly suggestions = $derived(this.tagsInUse.current ?? []);
	/** Tags on any picked keyframe. */
	readonly pickedTags = $derived(
		[...this.selection.picked]
			.flatMap((i) => this.manager.get(i).tags)
			.filter((tag, i, all) => all.indexOf(tag) === i)
			.sort()
	);
	readonly ready = $derived(this.keyframes.loaded && this.manager.loaded);
	/** In the Trash: nothing on it can be edited until it is restored. */
	readonly trashed = $derived((this.video.current?.deletedAt ?? NOT_DELETED) !== NOT_DELETED);
	/** When start-up deletes it for good, if it is in the Trash. */
	readonly purgeAt = $derived(
		this.trashed
			? purgeAt(this.video.current!.deletedAt, settingsStore().values.trashRetentionDays)
			: null
	);

	constructor(videoId: () => string) {
		this.#videoId = videoId;
		// A newer tab's schema upgrade waits for the edits typed here.
		$effect(() => holdPendingWrites(() => this.manager.flush()));
	}

	get videoTagError(): string | null {
		return this.#videoTagError;
	}

	get ratingFilter(): RatingFilter {
		return this.#ratingFilter;
	}

	setRatingFilter(filter: RatingFilter) {
		this.#ratingFilter = filter;
	}

	/** The person whose keyframes are shown and exported; null for everyone. */
	get personFilter(): string | null {
		return this.#personFilter;
	}

	setPersonFilter(personId: string | null) {
		this.#personFilter = personId;
	}

	select(next: GallerySelection<number>) {
		this.#chosen = next;
	}

	restore() {
		return restoreVideosFromTrash(db(), [this.#videoId()]);
	}

	saveVideoTags(tags: string[]) {
		if (this.trashed) return;
		this.#videoTagError = null;
		setVideoTags(db(), this.#videoId(), tags).catch((error: unknown) => {
			this.#videoTagError = m.review_video_tags_failed({ reason: errorMessage(error) });
		});
	}

	/** The original file, for playing it in the lightbox. */
	loadOriginal(): Promise<Blob | undefined> {
		return getVideoFile(db(), this.#videoId());
	}
}
