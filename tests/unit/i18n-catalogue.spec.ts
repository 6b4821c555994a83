// Every message exists in both languages with the same inputs, and no component or page
// writes words by hand: a missing translation fails here instead of showing English silently.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const settings = JSON.parse(readFileSync(join(root, 'project.inlang', 'settings.json'), 'utf8'));
const locales: string[] = settings.locales;
const patterns: string[] = settings['plugin.inlang.messageFormat'].pathPattern;

type Catalogue = Record<string, unknown>;
const read = (pattern: string, locale: string): Catalogue => {
	const messages = JSON.parse(
		readFileSync(join(root, pattern.replace('{locale}', locale)), 'utf8')
	);
	delete messages.$schema;
	return messages;
};
/** The `{name}` inputs a message uses, also inside plural or select variants. */
const inputs = (message: unknown): string[] =>
	[...new Set([...JSON.stringify(message).matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

describe.each(patterns)('%s', (pattern) => {
	const base = read(pattern, settings.baseLocale);

	it.each(locales)('%s has every message, with the same inputs, none empty', (locale) => {
		const other = read(pattern, locale);
		expect(Object.keys(other).sort()).toEqual(Object.keys(base).sort());
		for (const [key, message] of Object.entries(other)) {
			expect(JSON.stringify(message), key).not.toMatch(/""/);
			expect(inputs(message), key).toEqual(inputs(base[key]));
		}
	});
});

it('no key is defined in two message files', () => {
	const keys = patterns.flatMap((p) => Object.keys(read(p, settings.baseLocale)));
	expect(keys.length).toBe(new Set(keys).size);
});

/** Names that are the same in every language. */
const NAMES = /^(Key Face Frame|WebCodecs|ffmpeg\.wasm|ZIP|CSV|JSON|MediaPipe|BlazeFace)$/;

function svelteFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === 'paraglide' ? [] : svelteFiles(path);
		return entry.name.endsWith('.svelte') ? [path] : [];
	});
}

/** Words written straight into a template: text between tags and labelling attributes. */
function handWrittenWords(source: string): string[] {
	let markup = source
		.replace(/<script[\s\S]*?<\/script>/g, '')
		.replace(/<style[\s\S]*?<\/style>/g, '')
		.replace(/<!--[\s\S]*?-->/g, '');
	// Drop {…} expressions (balanced, so nested braces go too).
	let out = '';
	let depth = 0;
	for (const ch of markup) {
		if (ch === '{') depth++;
		else if (ch === '}') depth = Math.max(0, depth - 1);
		else if (depth === 0) out += ch;
	}
	markup = out;
	const found: string[] = [];
	for (const [, value] of markup.matchAll(
		/\s(?:aria-label|title|placeholder|alt|aria-description)="([^"]*)"/g
	)) {
		if (/\p{L}{2,}/u.test(value) && !NAMES.test(value.trim())) found.push(value);
	}
	for (const [, text] of markup.matchAll(/>([^<>]+)</g)) {
		const words = text.replace(/&\w+;/g, ' ').trim();
		if (/\p{L}{2,}/u.test(words) && !NAMES.test(words)) found.push(words);
	}
	return found;
}

it('components and pages take every word from the messages', () => {
	const offenders = svelteFiles(join(root, 'src'))
		.map((file) => ({
			file: file.slice(root.length + 1),
			words: handWrittenWords(readFileSync(file, 'utf8'))
		}))
		.filter((f) => f.words.length > 0);
	expect(offenders).toEqual([]);
});
