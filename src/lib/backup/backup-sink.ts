// Where a backup's bytes go: a file the person picked, written as it is made (large backups),
// or a Blob to download. Small text parts are gathered into 1 MB pieces first: fewer writes, and
// in the Blob case the browser may keep those pieces out of the JavaScript heap.
import { pickSaveFile, type FileKind } from '$lib/export/save-file-picker';

export interface BackupSink {
	write(part: string | Blob): Promise<void>;
	/** The finished file as a Blob to download, or null when it is already on disk. */
	finish(): Promise<Blob | null>;
	/** Drops what was written (a failed backup leaves no half file behind where it can). */
	abort(): Promise<void>;
}

const TEXT_PIECE = 1 << 20;

/** Gathers strings until a piece is full; `flush` hands it on as one Blob. */
class TextPieces {
	#text: string[] = [];
	#length = 0;

	add(text: string): boolean {
		this.#text.push(text);
		this.#length += text.length;
		return this.#length >= TEXT_PIECE;
	}

	take(): Blob | null {
		if (this.#text.length === 0) return null;
		const piece = new Blob(this.#text);
		this.#text = [];
		this.#length = 0;
		return piece;
	}
}

/** The backup as a Blob made of the library's own Blobs (no copy of their bytes). */
export function blobSink(type: string): BackupSink {
	const parts: Blob[] = [];
	const text = new TextPieces();
	const flush = () => {
		const piece = text.take();
		if (piece) parts.push(piece);
	};
	return {
		async write(part) {
			if (typeof part !== 'string') {
				flush();
				parts.push(part);
			} else if (text.add(part)) flush();
		},
		async finish() {
			flush();
			return new Blob(parts, { type });
		},
		async abort() {
			parts.length = 0;
			text.take();
		}
	};
}

/**
 * Asks where to save, then writes there as the backup is made. Call it first in the click
 * handler, before any slow work: Chromium only shows the picker within the user's gesture.
 */
export async function pickFileSink(suggestedName: string, kind: FileKind): Promise<BackupSink> {
	const { writable } = await pickSaveFile(suggestedName, kind);
	const text = new TextPieces();
	const flush = async () => {
		const piece = text.take();
		if (piece) await writable.write(piece);
	};
	return {
		async write(part) {
			if (typeof part !== 'string') {
				await flush();
				await writable.write(part);
			} else if (text.add(part)) await flush();
		},
		async finish() {
			await flush();
			await writable.close();
			return null;
		},
		abort: () => writable.abort()
	};
}
