import { describe, expect, it } from 'vitest';
import {
	canProcess,
	capabilityNotices,
	type DeviceFacts,
	type FileFacts
} from '../../src/lib/state/capability-notices';

const able: DeviceFacts = {
	webAssembly: true,
	wasmSimd: true,
	workers: true,
	indexedDb: true,
	webCodecs: true,
	freeBytes: 10_000,
	persisted: true
};
const file = (name: string, webCodecs: boolean | null = true, size = 100): FileFacts => ({
	name,
	size,
	webCodecs
});
const codes = (device: Partial<DeviceFacts>, files: FileFacts[] = [file('a.mp4')]) =>
	capabilityNotices({ ...able, ...device }, files).map((n) => `${n.code}:${n.impact}`);

describe('capabilityNotices', () => {
	it('says nothing on a capable device', () => {
		expect(codes({})).toEqual([]);
	});

	it('calls missing WebAssembly, workers or IndexedDB impossible', () => {
		expect(codes({ webAssembly: false, wasmSimd: false })).toEqual(['no-wasm:impossible']);
		expect(codes({ workers: false })).toEqual(['no-workers:impossible']);
		expect(codes({ indexedDb: false })).toEqual(['no-indexeddb:impossible']);
	});

	it('calls missing WebCodecs or SIMD slower, not impossible', () => {
		expect(codes({ webCodecs: false }, [file('a.mp4', false)])).toEqual(['no-webcodecs:slower']);
		expect(codes({ wasmSimd: false })).toEqual(['no-simd:slower']);
		expect(canProcess(capabilityNotices({ ...able, webCodecs: false, wasmSimd: false }, []))).toBe(
			true
		);
	});

	it('names the files WebCodecs cannot read, once probed', () => {
		const notices = capabilityNotices(able, [
			file('a.mp4'),
			file('b.avi', false),
			file('c.mkv', null)
		]);
		expect(notices).toEqual([{ code: 'codec-fallback', impact: 'slower', files: ['b.avi'] }]);
	});

	it('compares the files total size with the free space', () => {
		const big = [file('a.mp4', true, 6000), file('b.mp4', true, 5000)];
		expect(capabilityNotices(able, big)).toEqual([
			{ code: 'no-room', impact: 'impossible', needs: 11_000, free: 10_000 }
		]);
		expect(codes({}, [file('a.mp4', true, 9000)])).toEqual(['low-room:warning']);
		expect(codes({ freeBytes: null }, big)).toEqual([]);
		expect(canProcess(capabilityNotices(able, big))).toBe(false);
	});

	it('mentions persistence only when there is something to lose', () => {
		expect(codes({ persisted: false }, [])).toEqual([]);
		expect(codes({ persisted: false })).toEqual(['not-persisted:warning']);
		expect(codes({ persisted: null })).toEqual([]);
	});
});
