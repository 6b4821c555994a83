// Record types of People's tables (schema version 7): faces with their identity embeddings, and
// the persons they are grouped into; since version 8, the videos whose faces are still to embed.
// A merge or a face move is stored as a pending edit (pending-edits.ts) until applied.

/** One face of a keyframe, keyed `${videoId}/${frameIndex}/${faceIndex}` (its index in `faces`). */
export interface FaceRecord {
	id: string;
	videoId: string;
	frameIndex: number;
	faceIndex: number;
	/** Unit-length identity embedding (face-api's 128-d ResNet). */
	embedding: number[];
	personId: string;
	/** How good a picture of the person it is: the person's cover is its best face. */
	quality: number;
}

export interface PersonRecord {
	id: string;
	/** Given by the user; null until then. */
	name: string | null;
	/** Hidden from the People page's list (a "show hidden" switch brings it back). */
	hidden: boolean;
	/** Unit mean of its faces' embeddings: what new faces and reference photos are compared to. */
	centroid: number[];
	faceCount: number;
	createdAt: number;
	updatedAt: number;
}

/**
 * A completed video whose keyframes' faces People has yet to embed: its run left that for after
 * it (see batch/embed-faces.ts), and a tab closed meanwhile must not leave them out for good.
 */
export interface PeopleDueRecord {
	videoId: string;
}

/** A merge of two persons, or a face moved to a person (`newPerson`: one made for it). */
export type PersonEdit =
	| { kind: 'merge'; from: string; into: string }
	| { kind: 'move'; faceId: string; to: string; newPerson: boolean };
