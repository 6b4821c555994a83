// The gallery's order: by time (as stored) or by score, best first (ties by time).
export type KeyframeOrder = 'time' | 'score';

export function sortKeyframes<K extends { timeSec: number; score: number }>(
	frames: readonly K[],
	order: KeyframeOrder
): K[] {
	if (order === 'time') return [...frames];
	return [...frames].sort((a, b) => b.score - a.score || a.timeSec - b.timeSec);
}
