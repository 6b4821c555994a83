/// <reference lib="webworker" />
// People's share of a reference run: which frames show the reference photo's person, and the
// identity embeddings of the keyframes' faces on the way. A model that cannot load or run only
// leaves the embeddings out (and the frames unfiltered): a video never fails because of People.
import { faceOfPerson } from '$lib/people/match';
import type { Embedding } from '$lib/people/embedding';
import type { FaceBox } from '$lib/pipeline/types';
import type { FaceEmbedding } from '$lib/workers/extractor-protocol';
import { errorText } from '$lib/pipeline/failure-message';
import type { FaceEmbedder } from './face-embedder';

export class PeopleRun {
	#embedder: () => Promise<FaceEmbedder>;
	#failure: string | null = null;
	/** Embeddings by frame index, so a frame looked at twice (filter, then extract) runs once. */
	#byFrame = new Map<number, Embedding[]>();
	#seconds = 0;
	/** Time spent waiting for the model to load (cold worker only). */
	#loadSeconds = 0;
	#faces = 0;
	readonly reference: readonly Embedding[];

	constructor(embedder: () => Promise<FaceEmbedder>, reference: readonly Embedding[]) {
		this.#embedder = embedder;
		this.reference = reference;
	}

	/** The faces' embeddings, or null once the model failed. */
	async embed(
		frameIndex: number,
		source: CanvasImageSource,
		faces: readonly FaceBox[]
	): Promise<Embedding[] | null> {
		if (this.#failure) return null;
		const known = this.#byFrame.get(frameIndex);
		if (known) return known;
		try {
			const asked = performance.now();
			const embedder = await this.#embedder();
			const started = performance.now();
			this.#loadSeconds += (started - asked) / 1000;
			const embeddings = await embedder.embed(source, faces);
			this.#seconds += (performance.now() - started) / 1000;
			this.#faces += faces.length;
			this.#byFrame.set(frameIndex, embeddings);
			return embeddings;
		} catch (error) {
			this.#failure = errorText(error);
			console.warn('People: face recognition is unavailable', error);
			return null;
		}
	}

	/**
	 * Which of the frame's faces is the reference's person: its index, -1 for none, null when
	 * that cannot be told (the model failed).
	 */
	async referenceFace(
		frameIndex: number,
		source: CanvasImageSource,
		faces: readonly FaceBox[]
	): Promise<number | null> {
		const embeddings = await this.embed(frameIndex, source, faces);
		return embeddings && faceOfPerson(embeddings, this.reference);
	}

	/** Every embedding of these keyframes, for the outcome. */
	embeddingsOf(frameIndices: readonly number[]): FaceEmbedding[] {
		return frameIndices.flatMap((frameIndex) =>
			(this.#byFrame.get(frameIndex) ?? []).map((embedding, faceIndex) => ({
				frameIndex,
				faceIndex,
				embedding
			}))
		);
	}

	/** Seconds embedding and waiting for the model, and faces embedded, for the profile. */
	get timings(): Record<string, number> {
		if (this.#failure) return {};
		return { embed: this.#seconds, 'embed load': this.#loadSeconds, embedded: this.#faces };
	}
}
