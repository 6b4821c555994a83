// Sentences for people, kept as a code and its values rather than words: stored on a video (its
// failure or a note) or returned by intake, and put into the reader's language by
// $lib/i18n/notice-text when shown, so switching the language rewords what is already stored.

/** Why a video could not be decoded, as ffmpeg's log or the decoder's error shows it. */
export type DecodeFailureCode =
	| 'file-incomplete'
	| 'no-video-track'
	| 'codec-unsupported'
	| 'damaged'
	| 'out-of-memory'
	| 'timed-out'
	| 'decode-failed';

export type Notice =
	| { code: DecodeFailureCode }
	| { code: 'no-faces'; confidence: number; model: 'full' | 'short' }
	| { code: 'damaged-tail'; sampled: number }
	| { code: 'stalled'; seconds: number }
	| { code: 'interrupted-repeatedly'; attempts: number }
	| { code: 'stopped-unexpectedly' }
	| { code: 'detector-failed' }
	| { code: 'original-missing' }
	| { code: 'storage-full' }
	| { code: 'save-failed' }
	| { code: 'empty-file' }
	| { code: 'still-image'; format: string }
	| { code: 'text-file' }
	| { code: 'unknown-format' }
	| { code: 'no-room'; needs: number; free: number }
	| { code: 'frame-too-large'; width: number; height: number; max: number }
	| { code: 'bad-duration' }
	/** Written before notices had codes (database v3): shown as it was stored. */
	| { code: 'text'; text: string };
