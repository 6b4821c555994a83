// axe-core scans for the accessibility tests: WCAG 2.1 A and AA rules; serious and critical
// findings are what fail a test, each written out so it can be fixed from the message alone.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** One serious or critical finding on one element. */
export interface Finding {
	where: string;
	rule: string;
	impact: string;
	help: string;
	target: string;
	summary: string;
}

/** Scans the page as it is now; `where` names the page and state in the report. */
export async function scan(page: Page, where: string): Promise<Finding[]> {
	const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.flatMap((v) =>
			v.nodes.map((node) => ({
				where,
				rule: v.id,
				impact: v.impact ?? '',
				help: v.help,
				target: node.target.join(' '),
				summary: (node.failureSummary ?? '').replace(/\s+/g, ' ').trim()
			}))
		);
}

/** The findings as lines a person can act on, grouped by rule. */
export function report(findings: Finding[]): string {
	if (findings.length === 0) return 'no serious or critical violations';
	const lines = findings
		.slice()
		.sort((a, b) => a.rule.localeCompare(b.rule) || a.where.localeCompare(b.where))
		.map(
			(f) => `- [${f.impact}] ${f.rule} (${f.help}) @ ${f.where}: ${f.target}\n    ${f.summary}`
		);
	return `${findings.length} serious/critical axe violation(s):\n${lines.join('\n')}`;
}
