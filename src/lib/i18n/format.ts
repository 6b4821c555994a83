// Numbers, sizes, dates and durations in the reader's language, through Intl.
import { getLocale } from '$lib/paraglide/runtime';

const unit = (value: number, name: string, digits = 0) =>
	new Intl.NumberFormat(getLocale(), {
		style: 'unit',
		unit: name,
		unitDisplay: 'short',
		maximumFractionDigits: digits,
		minimumFractionDigits: digits
	}).format(value);

export function formatNumber(n: number): string {
	return new Intl.NumberFormat(getLocale()).format(n);
}

/** 512 KB, 3.4 MB, 1.25 GB (binary multiples, as file managers show them). */
export function formatBytes(n: number): string {
	if (n < 1024 * 1024) return unit(Math.round(n / 1024), 'kilobyte');
	if (n < 1024 ** 3) return unit(n / 1024 / 1024, 'megabyte', 1);
	return unit(n / 1024 ** 3, 'gigabyte', 2);
}

/** A day: 2 Dec 2026 / 2026年12月2日. */
export function formatDate(ms: number): string {
	return new Date(ms).toLocaleDateString(getLocale(), { dateStyle: 'medium' });
}

/** A day and time: 2 Dec 2026, 14:05. */
export function formatDateTime(ms: number): string {
	return new Date(ms).toLocaleString(getLocale(), { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * Remaining time for progress displays: `45 s`, `3 min 5 s`, `1 hr 2 min` (in Chinese `45秒`…).
 * Rounded up so it never promises less than it is; an unknown estimate (NaN, infinite,
 * negative) gives '' for the UI to hide.
 */
export function formatEta(sec: number): string {
	if (!Number.isFinite(sec) || sec < 0) return '';
	const total = Math.ceil(sec);
	if (total < 60) return unit(total, 'second');
	const h = Math.floor(total / 3600);
	const m = Math.floor(total / 60) % 60;
	const joiner = getLocale() === 'zh-CN' ? '' : ' ';
	return h > 0
		? [unit(h, 'hour'), unit(m, 'minute')].join(joiner)
		: [unit(m, 'minute'), unit(total % 60, 'second')].join(joiner);
}

/** Items as a plain list: `a, b, c` / `a、b、c` (no "and": the list is shown, not spoken). */
export function formatList(items: readonly string[]): string {
	return new Intl.ListFormat(getLocale(), { type: 'conjunction', style: 'narrow' }).format(items);
}
