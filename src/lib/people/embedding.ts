// Identity embeddings as plain arrays: unit length, compared by cosine distance (0 = same
// direction, 2 = opposite). Pure.

export type Embedding = number[];

export function normalize(v: ArrayLike<number>): Embedding {
	let sum = 0;
	for (let i = 0; i < v.length; i++) sum += v[i] * v[i];
	const norm = Math.sqrt(sum) || 1;
	return Array.from(v, (x) => x / norm);
}

/** 1 − cos(a, b) for unit vectors. */
export function cosineDistance(a: Embedding, b: Embedding): number {
	let dot = 0;
	for (let i = 0; i < a.length; i++) dot += a[i] * b[i];
	return 1 - dot;
}

/** The unit mean of `a` weighted `wa` and `b` weighted `wb` (a cluster's centre after a join). */
export function weightedMean(a: Embedding, wa: number, b: Embedding, wb: number): Embedding {
	return normalize(a.map((x, i) => x * wa + b[i] * wb));
}

/** The unit mean of several embeddings. */
export function meanOf(embeddings: readonly Embedding[]): Embedding {
	const sum = new Array<number>(embeddings[0]?.length ?? 0).fill(0);
	for (const e of embeddings) for (let i = 0; i < sum.length; i++) sum[i] += e[i];
	return normalize(sum);
}

/** How good a face is as a person's picture: detector confidence times its short side. */
export function faceQuality(face: { width: number; height: number; score: number }): number {
	return face.score * Math.min(face.width, face.height);
}
