import { describe, expect, it } from 'vitest';
import { ArrayPool } from '../../src/workers/array-pool';

describe('ArrayPool', () => {
	it('hands back a given-back array of the asked length, else a new one', () => {
		let made = 0;
		const pool = new ArrayPool((n) => (made++, new Float32Array(n)), 4);
		const a = pool.take(8);
		a[0] = 5;
		pool.give(a);
		expect(pool.take(16)).toHaveLength(16);
		const again = pool.take(8);
		expect(again).toBe(a);
		expect(again[0]).toBe(5);
		expect(made).toBe(2);
		expect(pool.take(8)).not.toBe(a);
	});

	it('keeps at most its maximum, and drops arrays transferred away', () => {
		const pool = new ArrayPool((n) => new Uint8Array(n), 1);
		const [a, b] = [pool.take(4), pool.take(4)];
		pool.give(a);
		pool.give(b);
		expect(pool.take(4)).toBe(a);
		const next = pool.take(4);
		expect(next).not.toBe(a);
		expect(next).not.toBe(b);
		const sent = pool.take(4);
		structuredClone(sent, { transfer: [sent.buffer] });
		pool.give(sent);
		const fresh = pool.take(4);
		expect(fresh === sent).toBe(false);
		expect(fresh).toHaveLength(4);
	});
});
