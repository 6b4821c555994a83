// The new-batch page's capability notices and batch estimate in the reader's language.
import { m } from '$lib/paraglide/messages';
import type { BatchEstimate } from '$lib/state/batch-estimate';
import type { CapabilityNotice } from '$lib/state/capability-notices';
import { formatBytes, formatEta, formatList } from './format';

export function preflightText(notice: CapabilityNotice): string {
	switch (notice.code) {
		case 'no-wasm':
			return m.preflight_no_wasm();
		case 'no-workers':
			return m.preflight_no_workers();
		case 'no-indexeddb':
			return m.preflight_no_indexeddb();
		case 'no-room':
			return m.preflight_no_room({
				needs: formatBytes(notice.needs),
				free: formatBytes(notice.free)
			});
		case 'low-room':
			return m.preflight_low_room({
				needs: formatBytes(notice.needs),
				free: formatBytes(notice.free)
			});
		case 'no-webcodecs':
			return m.preflight_no_webcodecs();
		case 'codec-fallback':
			return m.preflight_codec_fallback({ files: formatList(notice.files) });
		case 'no-simd':
			return m.preflight_no_simd();
		case 'not-persisted':
			return m.preflight_not_persisted();
	}
}

export function impactLabel(impact: CapabilityNotice['impact']): string {
	return {
		impossible: m.preflight_impossible,
		slower: m.preflight_slower,
		warning: m.preflight_warning
	}[impact]();
}

export function estimateText({ seconds, measured }: BatchEstimate): string {
	const time = formatEta(seconds);
	return measured ? m.estimate_measured({ time }) : m.estimate_guess({ time });
}
