// Turns ffmpeg's log into the notice a person understands (put into words by $lib/i18n). The raw
// log tail stays available behind a "details" toggle; this only picks the most telling symptom.
import type { DecodeFailureCode, Notice } from './notice';

const KNOWN_FAILURES: { pattern: RegExp; code: DecodeFailureCode }[] = [
	{ pattern: /moov atom not found/i, code: 'file-incomplete' },
	{
		pattern:
			/Output file #0 does not contain any stream|does not contain any stream|no video stream/i,
		code: 'no-video-track'
	},
	{
		pattern:
			/Decoder \(codec [^)]*\) not found|Unknown decoder|unsupported codec|Codec .* is not supported/i,
		code: 'codec-unsupported'
	},
	{
		pattern:
			/Invalid data found when processing input|could not find codec parameters|EBML header parsing failed/i,
		code: 'damaged'
	},
	{
		pattern: /Cannot allocate memory|out of memory|memory access out of bounds/i,
		code: 'out-of-memory'
	},
	{ pattern: /timeout|timed out/i, code: 'timed-out' }
];

export function explainFailure(log: string): Notice {
	return { code: KNOWN_FAILURES.find((k) => k.pattern.test(log))?.code ?? 'decode-failed' };
}

export function noFacesNotice(confidence: number, model: 'full' | 'short'): Notice {
	return { code: 'no-faces', confidence, model };
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
