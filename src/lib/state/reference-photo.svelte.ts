// A reference photo (People): read in a pool worker, its faces found and embedded. One face is
// the person meant; several ask which; a file that is no picture, or a photo without a face, is
// refused with the reason. Used by the New batch page (keep only that person) and People (find).
import { scheduler } from '$lib/batch/scheduler-instance';
import type { FaceBox } from '$lib/pipeline/types';
import { DEFAULT_SETTINGS } from '$lib/settings/extraction-settings';

export type PhotoState =
	| { kind: 'none' }
	| { kind: 'working'; name: string }
	| { kind: 'not-image'; name: string }
	| { kind: 'no-face'; name: string }
	| { kind: 'unavailable'; name: string; reason: string }
	| {
			kind: 'several';
			name: string;
			faces: FaceBox[];
			embeddings: number[][];
			/** The photo and its size, to show each face. */
			photo: Blob;
			width: number;
			height: number;
	  }
	| { kind: 'chosen'; name: string; embedding: number[] };

export class ReferencePhoto {
	#state = $state.raw<PhotoState>({ kind: 'none' });
	/** Each read gets a number: an answer to an older one is dropped. */
	#reads = 0;

	get state(): PhotoState {
		return this.#state;
	}

	/** The chosen face's embedding, or null while none is chosen. */
	get embedding(): number[] | null {
		return this.#state.kind === 'chosen' ? this.#state.embedding : null;
	}

	async read(file: File): Promise<void> {
		const read = ++this.#reads;
		const { name } = file;
		this.#state = { kind: 'working', name };
		const result = await scheduler()
			.embedImage(file, DEFAULT_SETTINGS.model, DEFAULT_SETTINGS.confidence)
			.catch((error: unknown) => ({
				ok: false as const,
				reason: 'unavailable' as const,
				details: String(error)
			}));
		if (read !== this.#reads) return;
		if (!result.ok) {
			this.#state =
				result.reason === 'not-image'
					? { kind: 'not-image', name }
					: { kind: 'unavailable', name, reason: result.details };
		} else if (result.faces.length === 0) {
			this.#state = { kind: 'no-face', name };
		} else if (result.faces.length === 1) {
			this.#state = { kind: 'chosen', name, embedding: result.embeddings[0] };
		} else {
			const bitmap = await createImageBitmap(file);
			const { width, height } = bitmap;
			bitmap.close();
			if (read !== this.#reads) return;
			this.#state = { kind: 'several', name, ...result, photo: file, width, height };
		}
	}

	/** With several faces: the one meant. */
	choose(index: number) {
		const s = this.#state;
		if (s.kind === 'several')
			this.#state = { kind: 'chosen', name: s.name, embedding: s.embeddings[index] };
	}

	clear() {
		this.#reads++;
		this.#state = { kind: 'none' };
	}
}
