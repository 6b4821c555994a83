// One scheduler across tabs: two SharedSchedulers stand for two tabs, with an in-memory lock
// manager standing for the browser's Web Locks and a real BroadcastChannel between them.
import { afterEach, expect, it, vi } from 'vitest';
import { SharedScheduler, type LocalScheduler, type Locks } from '$lib/batch/shared-scheduler';

/** Web Locks for one exclusive lock: granted in request order, released when a tab closes. */
class FakeLocks {
	#holder: string | null = null;
	#waiting: { tab: string; grant: () => void }[] = [];

	forTab(tab: string): Locks {
		return {
			request: (_name, options, callback) => {
				if (this.#holder === null) {
					this.#holder = tab;
					return callback({ name: 'lock' });
				}
				if (options.ifAvailable) return callback(null);
				return new Promise((resolve) => {
					this.#waiting.push({ tab, grant: () => resolve(callback({ name: 'lock' })) });
				});
			}
		};
	}

	close(tab: string) {
		if (this.#holder !== tab) return;
		const next = this.#waiting.shift();
		this.#holder = next?.tab ?? null;
		next?.grant();
	}
}

function localScheduler(resumed: number): LocalScheduler & { calls: string[] } {
	const calls: string[] = [];
	const record = (name: string) => async (arg: unknown) => void calls.push(`${name} ${arg}`);
	return {
		calls,
		resume: vi.fn(async () => (calls.push('resume'), resumed)),
		startBatch: record('startBatch'),
		cancelVideo: record('cancelVideo'),
		cancelBatch: record('cancelBatch'),
		retry: record('retry'),
		warm: (model: string, ffmpeg?: boolean) =>
			void calls.push(`warm ${model}${ffmpeg ? ' with ffmpeg' : ''}`),
		detectImage: async () => (calls.push('detectImage'), []),
		extractFrames: async () => (calls.push('extractFrames'), true),
		embedImage: async () => (calls.push('embedImage'), { ok: true, faces: [], embeddings: [] }),
		peopleUnavailable: async () => (calls.push('peopleUnavailable'), null),
		embedFaces: async (videoId: string) => (calls.push(`embedFaces ${videoId}`), 0),
		rerun: async () => ({ ok: false as const, notice: { code: 'original-missing' as const } }),
		addFrame: async (videoId: string, frameIndex: number) => (
			calls.push(`addFrame ${videoId} ${frameIndex}`),
			{ status: 'added' as const }
		)
	};
}

const channels: BroadcastChannel[] = [];
function tab(locks: FakeLocks, name: string, resumed = 0) {
	const local = localScheduler(resumed);
	const channel = new BroadcastChannel('test-commands');
	channels.push(channel);
	return { local, shared: new SharedScheduler(() => local, locks.forTab(name), channel) };
}
afterEach(() => {
	for (const c of channels.splice(0)) c.close();
});

it('the first tab leads and resumes; the second follows and sends its commands to the leader', async () => {
	const locks = new FakeLocks();
	const a = tab(locks, 'a', 3);
	expect(await a.shared.resume()).toBe(3);
	const b = tab(locks, 'b');
	expect(await b.shared.resume()).toBe(0);
	expect([a.shared.leading, b.shared.leading]).toEqual([true, false]);

	await b.shared.cancelVideo('v1');
	await b.shared.retry(['v2', 'v3']);
	await a.shared.startBatch('batch-a');
	// Messages from the other tab arrive after the leader's own call.
	await vi.waitFor(() =>
		expect([...a.local.calls].sort()).toEqual(
			['resume', 'cancelVideo v1', 'retry v2,v3', 'startBatch batch-a'].sort()
		)
	);
	expect(b.local.calls).toEqual([]); // the follower never resumed nor ran anything
});

it('when the leader closes, the follower takes over and resumes the queue itself', async () => {
	const locks = new FakeLocks();
	const a = tab(locks, 'a');
	await a.shared.resume();
	const b = tab(locks, 'b');
	await b.shared.resume();
	expect(b.local.calls).toEqual([]);

	locks.close('a');
	await vi.waitFor(() => expect(b.shared.leading).toBe(true));
	expect(b.local.calls).toEqual(['resume']);
	await b.shared.cancelBatch('x');
	expect(b.local.calls).toEqual(['resume', 'cancelBatch x']);
});

it('a still photo is detected in the tab that asks, leader or not', async () => {
	const locks = new FakeLocks();
	const a = tab(locks, 'a');
	const b = tab(locks, 'b');
	await Promise.all([a.shared.resume(), b.shared.resume()]);
	await b.shared.detectImage(new Blob([]), 'full', 0.5);
	expect(b.local.calls).toEqual(['detectImage']);
});

it('a frame picked by hand is taken in the tab that asks, leader or not', async () => {
	const locks = new FakeLocks();
	const a = tab(locks, 'a');
	const b = tab(locks, 'b');
	await Promise.all([a.shared.resume(), b.shared.resume()]);
	expect(await b.shared.addFrame('v1', 42)).toEqual({ status: 'added' });
	expect(b.local.calls).toEqual(['addFrame v1 42']);
	expect(a.local.calls).toEqual(['resume']);
});

it('only the leading tab prepares its face models: videos run there', async () => {
	const locks = new FakeLocks();
	const a = tab(locks, 'a');
	const b = tab(locks, 'b');
	await Promise.all([a.shared.resume(), b.shared.resume()]);
	b.shared.warm('full');
	a.shared.warm('short');
	a.shared.warm('short', true);
	await new Promise((r) => setTimeout(r, 0));
	expect(b.local.calls).toEqual([]);
	expect(a.local.calls).toEqual(['resume', 'warm short', 'warm short with ffmpeg']);
});
