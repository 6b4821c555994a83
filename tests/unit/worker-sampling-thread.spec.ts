// The extractor's side of the sampling thread: frames taken in order and one at a time, each
// acknowledged only once taken, a failing taker stops the pass, and a dead thread fails its passes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SamplingThread } from '../../src/workers/decoders/sampling-thread';
import type {
	ReceiverMessage,
	SamplerMessage,
	SamplingRequest
} from '../../src/workers/decoders/sampling-protocol';
import type { SamplingEnd } from '../../src/workers/decoders/webcodecs-sampling';

const END: SamplingEnd = { end: 2, skipped: 3, seekedTo: null };

interface FakeFrame {
	index: number;
	closed: boolean;
	close(): void;
}

function frame(index: number): FakeFrame {
	return {
		index,
		closed: false,
		close() {
			this.closed = true;
		}
	};
}

function frameMessage(f: FakeFrame): SamplerMessage {
	return {
		kind: 'frame',
		frameIndex: f.index,
		timeSec: f.index / 25,
		durationSec: 0.04,
		rotation: 0,
		flip: false,
		frame: f as unknown as VideoFrame,
		stats: { skipped: 0, seekedTo: null }
	};
}

/** Ports that hand objects over as they are (a real port would clone, and frames cannot be). */
class FakePort {
	other: FakePort | null = null;
	onmessage: ((event: { data: unknown }) => void) | null = null;
	closed = false;

	postMessage(data: unknown) {
		// As a real port: what was posted before closing still arrives.
		if (this.closed) return;
		const to = this.other!;
		setTimeout(() => {
			if (!to.closed) to.onmessage?.({ data });
		});
	}

	close() {
		this.closed = true;
	}
}

class FakeChannel {
	port1 = new FakePort();
	port2 = new FakePort();
	constructor() {
		this.port1.other = this.port2;
		this.port2.other = this.port1;
	}
}

beforeEach(() => vi.stubGlobal('MessageChannel', FakeChannel));
afterEach(() => vi.unstubAllGlobals());

/** A stand-in thread: the test drives each pass through its port and reads what came back. */
class FakeThread {
	readonly passes: { port: MessagePort; heard: ReceiverMessage[] }[] = [];
	onerror: ((event: { message: string; preventDefault(): void }) => void) | null = null;
	terminated = false;

	postMessage(request: SamplingRequest) {
		const pass = { port: request.port, heard: [] as ReceiverMessage[] };
		request.port.onmessage = ({ data }: MessageEvent<ReceiverMessage>) => pass.heard.push(data);
		this.passes.push(pass);
	}

	terminate() {
		this.terminated = true;
	}
}

function thread() {
	const started: FakeThread[] = [];
	const sampling = new SamplingThread(() => {
		const t = new FakeThread();
		started.push(t);
		return t as unknown as Worker;
	});
	return { sampling, started };
}

const JOB = { sampleRate: 5, from: null, avcLengthSize: 4 };
const settle = () => new Promise((r) => setTimeout(r, 10));

describe('SamplingThread', () => {
	it('hands frames over in order, one at a time, acknowledging each once taken', async () => {
		const { sampling, started } = thread();
		const taken: number[] = [];
		let taking = 0;
		let most = 0;
		const done = sampling.sample(new Blob(['v']), JOB, async ({ frameIndex, frame: f }) => {
			most = Math.max(most, ++taking);
			await settle();
			taken.push(frameIndex);
			f.close();
			taking--;
		});
		const [{ port, heard }] = started[0].passes;
		const frames = [0, 5, 10].map(frame);
		for (const f of frames) port.postMessage(frameMessage(f));
		await settle();
		expect(heard.filter((m) => m.kind === 'ack').length).toBeLessThan(3);
		port.postMessage({ kind: 'end', result: END } satisfies SamplerMessage);
		await expect(done).resolves.toEqual(END);
		expect(taken).toEqual([0, 5, 10]);
		expect(most).toBe(1);
		await settle();
		expect(heard).toEqual([{ kind: 'ack' }, { kind: 'ack' }, { kind: 'ack' }]);
		expect(frames.every((f) => f.closed)).toBe(true);
	});

	it('rejects with what the taker threw, stops the thread and closes frames still arriving', async () => {
		const { sampling, started } = thread();
		const failure = new Error('detector gone');
		const done = sampling.sample(new Blob(['v']), JOB, async ({ frame: f }) => {
			f.close();
			throw failure;
		});
		const [{ port, heard }] = started[0].passes;
		const late = frame(5);
		port.postMessage(frameMessage(frame(0)));
		port.postMessage(frameMessage(late));
		await expect(done).rejects.toBe(failure);
		await settle();
		expect(heard).toEqual([{ kind: 'stop' }]);
		expect(late.closed).toBe(true);
	});

	it('takes the frames sent before a decoding error, then rejects with its message', async () => {
		const { sampling, started } = thread();
		const taken: number[] = [];
		const done = sampling.sample(new Blob(['v']), JOB, async ({ frameIndex, frame: f }) => {
			await settle();
			taken.push(frameIndex);
			f.close();
		});
		const [{ port }] = started[0].passes;
		port.postMessage(frameMessage(frame(0)));
		port.postMessage({
			kind: 'error',
			error: { name: 'EncodingError', message: 'Decoding error.' }
		} satisfies SamplerMessage);
		// As thrown on the thread: the fallback's note reads "EncodingError: Decoding error.".
		await expect(done).rejects.toMatchObject({ name: 'EncodingError', message: 'Decoding error.' });
		expect(taken).toEqual([0]);
	});

	it('rejects a pass whose thread died only once the frame being taken is done', async () => {
		const { sampling, started } = thread();
		const events: string[] = [];
		const done = sampling.sample(new Blob(['v']), JOB, async ({ frame: f }) => {
			await settle();
			events.push('taken');
			f.close();
		});
		started[0].passes[0].port.postMessage(frameMessage(frame(0)));
		await new Promise((r) => setTimeout(r, 2));
		started[0].onerror!({ message: 'crashed', preventDefault() {} });
		await done.catch(() => events.push('rejected'));
		expect(events).toEqual(['taken', 'rejected']);
	});

	it('fails the passes of a thread that died, and starts a new one for the next', async () => {
		const { sampling, started } = thread();
		sampling.warm();
		const done = sampling.sample(new Blob(['v']), JOB, async ({ frame: f }) => f.close());
		expect(started).toHaveLength(1);
		started[0].onerror!({ message: 'out of memory', preventDefault() {} });
		await expect(done).rejects.toThrow('The sampling thread stopped: out of memory');
		expect(started[0].terminated).toBe(true);
		const next = sampling.sample(new Blob(['v']), JOB, async ({ frame: f }) => f.close());
		expect(started).toHaveLength(2);
		started[1].passes[0].port.postMessage({ kind: 'end', result: END } satisfies SamplerMessage);
		await expect(next).resolves.toEqual(END);
	});
});
