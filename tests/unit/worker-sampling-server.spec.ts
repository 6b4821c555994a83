// The sampling thread's side of a pass: at most FRAMES_AHEAD frames unacknowledged, a stop ends
// the pass at the next frame, every sample is closed and every frame sent or closed, and the pass
// ends with one last word that keeps the error's name.
import { describe, expect, it } from 'vitest';
import type { VideoSample } from 'mediabunny';
import { servePass, type PassRunner } from '../../src/workers/decoders/sampling-server';
import {
	FRAMES_AHEAD,
	type ReceiverMessage,
	type SamplerMessage
} from '../../src/workers/decoders/sampling-protocol';
import type { SamplingEnd } from '../../src/workers/decoders/webcodecs-sampling';

class FakePort {
	readonly sent: SamplerMessage[] = [];
	onmessage: ((event: { data: ReceiverMessage }) => void) | null = null;
	failNextPost = false;

	postMessage(message: SamplerMessage) {
		if (this.failNextPost) {
			this.failNextPost = false;
			throw new Error('DataCloneError');
		}
		this.sent.push(message);
	}

	say(data: ReceiverMessage) {
		this.onmessage!({ data });
	}

	frames() {
		return this.sent.filter((m) => m.kind === 'frame');
	}
}

interface Closable {
	closed: boolean;
	close(): void;
}

const closable = (): Closable => ({
	closed: false,
	close() {
		this.closed = true;
	}
});

const END: SamplingEnd = { end: 4, skipped: 1, seekedTo: null };
const JOB = { sampleRate: 5, from: null, avcLengthSize: null };
const tick = () => new Promise((r) => setTimeout(r, 0));

/** A pass of `count` sampled frames; what it made, to check they were all let go. */
function pass(count: number, fail?: Error) {
	const samples: Closable[] = [];
	const frames: Closable[] = [];
	const run: PassRunner = async (_file, _job, onFrame) => {
		for (let i = 0; i < count; i++) {
			const sample = { ...closable(), timestamp: i, duration: 0.2, rotation: 0, flip: false };
			samples.push(sample);
			await onFrame(i * 5, sample as unknown as VideoSample, { skipped: 0, seekedTo: null });
		}
		if (fail) throw fail;
		return END;
	};
	const toFrame = () => {
		const frame = closable();
		frames.push(frame);
		return frame as unknown as VideoFrame;
	};
	return { run, toFrame, samples, frames };
}

function request(port: FakePort) {
	return { file: new Blob(['v']), job: JOB, port: port as unknown as MessagePort };
}

describe('servePass', () => {
	it('sends at most FRAMES_AHEAD frames unacknowledged, then the end', async () => {
		const port = new FakePort();
		const { run, toFrame, samples } = pass(FRAMES_AHEAD + 3);
		const served = servePass(request(port), run, toFrame);
		await tick();
		expect(port.frames()).toHaveLength(FRAMES_AHEAD);
		port.say({ kind: 'ack' });
		await tick();
		expect(port.frames()).toHaveLength(FRAMES_AHEAD + 1);
		for (let i = 0; i < 3; i++) port.say({ kind: 'ack' });
		await served;
		expect(port.sent.at(-1)).toEqual({ kind: 'end', result: END });
		expect(port.frames().map((m) => m.frameIndex)).toEqual(
			Array.from({ length: FRAMES_AHEAD + 3 }, (_, i) => i * 5)
		);
		expect(samples.every((s) => s.closed)).toBe(true);
	});

	it('a stop while waiting ends the pass without sending the frame in hand', async () => {
		const port = new FakePort();
		const { run, toFrame, samples, frames } = pass(FRAMES_AHEAD + 3);
		const served = servePass(request(port), run, toFrame);
		await tick();
		port.say({ kind: 'stop' });
		await served;
		expect(port.frames()).toHaveLength(FRAMES_AHEAD);
		expect(frames).toHaveLength(FRAMES_AHEAD);
		expect(samples).toHaveLength(FRAMES_AHEAD + 1);
		expect(samples.every((s) => s.closed)).toBe(true);
		expect(port.sent.at(-1)).toMatchObject({ kind: 'error', error: { name: 'Stopped' } });
	});

	it("ends with the pass's error by its own name, and closes a frame that could not be sent", async () => {
		const port = new FakePort();
		const broken = Object.assign(new Error('Decoding error.'), { name: 'EncodingError' });
		const { run, toFrame, frames } = pass(2, broken);
		port.failNextPost = true;
		await servePass(request(port), run, toFrame);
		expect(frames[0].closed).toBe(true);
		expect(port.sent).toEqual([
			{
				kind: 'error',
				error: { name: 'Error', message: 'DataCloneError', stack: expect.any(String) }
			}
		]);

		const next = new FakePort();
		await servePass(request(next), pass(1, broken).run, toFrame);
		expect(next.sent.at(-1)).toMatchObject({
			kind: 'error',
			error: { name: 'EncodingError', message: 'Decoding error.' }
		});
	});
});
