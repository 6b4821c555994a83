import { describe, expect, it } from 'vitest';
import { errorMessage, isStorageFull } from '$lib/pipeline/failure-message';

describe('errorMessage and isStorageFull', () => {
	it('gives the message of an Error and the text of anything else', () => {
		expect(errorMessage(new TypeError('bad'))).toBe('bad');
		expect(errorMessage('plain')).toBe('plain');
	});

	it('knows a full storage by name, by message, or wrapped by Dexie', () => {
		expect(isStorageFull(new DOMException('full', 'QuotaExceededError'))).toBe(true);
		expect(isStorageFull(new Error('QuotaExceededError: full'))).toBe(true);
		const wrapped = Object.assign(new Error('Abort'), {
			name: 'AbortError',
			inner: { name: 'QuotaExceededError' }
		});
		expect(isStorageFull(wrapped)).toBe(true);
		expect(isStorageFull(new Error('disk on fire'))).toBe(false);
		expect(isStorageFull(null)).toBe(false);
	});
});
