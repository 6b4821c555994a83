// Turns ffmpeg's log into a sentence a person understands. The raw log tail stays available
// behind a "details" toggle; this only picks the most telling known symptom.

const KNOWN_FAILURES: { pattern: RegExp; message: string }[] = [
	{
		pattern: /moov atom not found/i,
		message:
			'The file is incomplete: its index (moov) is missing, so it cannot be played. It was probably cut off while downloading or recording.'
	},
	{
		pattern:
			/Output file #0 does not contain any stream|does not contain any stream|no video stream/i,
		message: 'The file has no video track.'
	},
	{
		pattern:
			/Decoder \(codec [^)]*\) not found|Unknown decoder|unsupported codec|Codec .* is not supported/i,
		message: 'The video uses a codec Key Face Frame cannot decode.'
	},
	{
		pattern:
			/Invalid data found when processing input|could not find codec parameters|EBML header parsing failed/i,
		message: 'The file is damaged or not a video Key Face Frame can read.'
	},
	{
		pattern: /Cannot allocate memory|out of memory|memory access out of bounds/i,
		message: 'The device ran out of memory while decoding this video. Try a lower concurrency.'
	},
	{
		pattern: /timeout|timed out/i,
		message: 'Decoding took too long and was stopped.'
	}
];

export const GENERIC_FAILURE = 'The video could not be decoded.';

export function explainFailure(log: string): string {
	return KNOWN_FAILURES.find((k) => k.pattern.test(log))?.message ?? GENERIC_FAILURE;
}

export function noFacesMessage(confidence: number, model: 'full' | 'short'): string {
	const hint =
		model === 'short' ? 'try a lower threshold or the full-range model' : 'try a lower threshold';
	return `No faces found at confidence ≥ ${confidence} — ${hint}.`;
}

/** "Name: message" of anything thrown, for details views and notes. */
export function errorText(error: unknown): string {
	return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** The message of anything thrown, for sentences shown to people ("Could not …: <message>"). */
export function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** The browser refused to store more: a QuotaExceededError, also when Dexie wraps it. */
export function isStorageFull(error: unknown): boolean {
	const names = [
		error instanceof Error ? error.name : '',
		(error as { inner?: { name?: string } } | null)?.inner?.name ?? ''
	];
	return (
		names.includes('QuotaExceededError') ||
		(error instanceof Error && error.message.includes('QuotaExceeded'))
	);
}
