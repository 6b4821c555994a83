// When the row that held the focus is gone (moved to the Trash, restored, deleted), the focus
// would fall to <body> and a keyboard or screen-reader user would lose their place (WCAG 2.4.3).
import { tick } from 'svelte';

/** Focuses the first element matching one of `selectors`, else the page's heading. */
export async function focusAfterRemoval(...selectors: string[]): Promise<void> {
	await tick();
	for (const selector of selectors) {
		const target = document.querySelector<HTMLElement>(selector);
		if (target) return target.focus();
	}
	const heading = document.querySelector<HTMLElement>('main h1');
	if (!heading) return;
	heading.tabIndex = -1;
	heading.focus();
}
