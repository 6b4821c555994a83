// Measurements of the phone-layout tests, taken in the page: horizontal overflow, tap targets
// that are too small, and whether a text (a file name) is laid out readably in its row.
import type { Locator, Page } from '@playwright/test';

/** The smallest tap target on the phone layout (WCAG 2.2 SC 2.5.8: 24 × 24 CSS px). */
export const MIN_TARGET = 24;

export interface Overflow {
	viewport: number;
	scrollWidth: number;
	/** Elements sticking out past the right edge, as `tag.class` paths, for the report. */
	culprits: string[];
}

export function horizontalOverflow(page: Page): Promise<Overflow> {
	return page.evaluate(() => {
		const viewport = document.documentElement.clientWidth;
		const describe = (el: Element) =>
			[el.tagName.toLowerCase(), ...[...el.classList].filter((c) => !c.startsWith('svelte-'))]
				.join('.')
				.concat(el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : '');
		const culprits = [...document.body.querySelectorAll('*')]
			.filter((el) => {
				const r = el.getBoundingClientRect();
				return r.width > 0 && r.right > viewport + 1;
			})
			.slice(0, 8)
			.map(describe);
		return { viewport, scrollWidth: document.documentElement.scrollWidth, culprits };
	});
}

export interface SmallTarget {
	what: string;
	width: number;
	height: number;
}

/**
 * Visible buttons, links, form fields and summaries whose tap target is under 24 × 24 px. A
 * field inside its <label> is hit through the label, so the label's box counts; links inside a
 * sentence are exempt (SC 2.5.8's inline exception).
 */
export function smallTargets(page: Page, min = MIN_TARGET): Promise<SmallTarget[]> {
	return page.evaluate((min) => {
		const selector = 'a[href], button, input, select, textarea, summary, [tabindex="0"]';
		const visible = (el: Element) => {
			const style = getComputedStyle(el);
			const r = el.getBoundingClientRect();
			return style.visibility !== 'hidden' && r.width > 0 && r.height > 0;
		};
		const inSentence = (el: Element) =>
			getComputedStyle(el).display === 'inline' &&
			[...(el.parentElement?.childNodes ?? [])].some(
				(n) => n !== el && n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== ''
			);
		const name = (el: Element) =>
			`${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''} "${(
				el.getAttribute('aria-label') ??
				(el as HTMLElement).innerText ??
				''
			)
				.trim()
				.slice(0, 40)}"`;
		const small: { what: string; width: number; height: number }[] = [];
		for (const el of document.querySelectorAll(selector)) {
			if (el.closest('[inert], [aria-hidden="true"]') || !visible(el) || inSentence(el)) continue;
			const label = el.closest('label');
			const target = label && el.matches('input, select, textarea') ? label : el;
			const r = target.getBoundingClientRect();
			// A hidden field (e.g. the file input of the drop zone) is reached through its label.
			if (getComputedStyle(el).opacity === '0' && target === el) continue;
			if (r.width + 0.5 < min || r.height + 0.5 < min)
				small.push({ what: name(el), width: Math.round(r.width), height: Math.round(r.height) });
		}
		return small;
	}, min);
}

export interface TextLayout {
	text: string;
	/** The text's box width over its row's content width. */
	share: number;
	/** Rendered lines. */
	lines: number;
	/** Characters per rendered line, on average. */
	charsPerLine: number;
	/** Cut off (an ellipsis or hidden overflow) instead of shown in full. */
	clipped: boolean;
}

/** How `text` (inside `row`) is laid out: its share of the row, line length, and clipping. */
export async function textLayout(row: Locator, text: Locator): Promise<TextLayout> {
	const rowHandle = await row.elementHandle();
	return text.evaluate((el, rowEl) => {
		if (!rowEl) throw new Error('row not found');
		const r = el.getBoundingClientRect();
		const rowStyle = getComputedStyle(rowEl);
		const rowContent =
			rowEl.getBoundingClientRect().width -
			parseFloat(rowStyle.paddingLeft) -
			parseFloat(rowStyle.paddingRight);
		const range = document.createRange();
		range.selectNodeContents(el);
		const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
		const content = (el.textContent ?? '').trim();
		return {
			text: content,
			share: r.width / rowContent,
			lines,
			charsPerLine: content.length / Math.max(1, lines),
			clipped: el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1
		};
	}, rowHandle);
}

export interface FocusStop {
	what: string;
	/** The element (or, for a field hidden inside its label, the label) draws a focus ring. */
	ring: boolean;
	/** It can be seen: a box, not transparent or hidden, in the viewport once focused. */
	visible: boolean;
}

/** Where the focus is now and whether a person can see it there. */
export function focusStop(page: Page): Promise<FocusStop | null> {
	return page.evaluate(() => {
		const el = document.activeElement;
		if (!el || el === document.body) return null;
		const style = getComputedStyle(el);
		const ringOf = (s: CSSStyleDeclaration) =>
			s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
		// A field drawn by its label (the drop zone's file input) shows its focus on the label.
		const label = style.opacity === '0' ? el.closest('label') : null;
		const shown = label ?? el;
		const r = shown.getBoundingClientRect();
		const testid = el.getAttribute('data-testid');
		const text = (el.getAttribute('aria-label') ?? (el as HTMLElement).innerText ?? '').trim();
		return {
			what: `${el.tagName.toLowerCase()}${testid ? `[${testid}]` : ''} "${text.slice(0, 40)}"`,
			ring: ringOf(getComputedStyle(shown)),
			visible:
				r.width > 1 &&
				r.height > 1 &&
				getComputedStyle(shown).visibility !== 'hidden' &&
				getComputedStyle(shown).opacity !== '0' &&
				r.bottom > 0 &&
				r.top < innerHeight &&
				r.right > 0 &&
				r.left < innerWidth
		};
	});
}
