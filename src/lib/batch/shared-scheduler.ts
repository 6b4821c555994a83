// One scheduler across tabs. The tab that holds the Web Lock runs the queue (the leader); the
// others (followers) send their commands to it over a BroadcastChannel and show progress from
// the database like any tab. When the leader closes, its lock passes to a waiting follower,
// which resumes the queue: only then are `processing` rows orphans, so only then are they reset.
import type { FaceBox } from '$lib/pipeline/types';
import type { ExtractionSettings, FaceModel } from '$lib/settings/extraction-settings';
import type { PhotoFaces } from '$lib/workers/extractor-protocol';
import type { AddFrameResult } from './add-frame';
import type { RerunOutcome } from './rerun';

/** What the rest of the app asks of the queue, wherever it runs. */
export interface QueueCommands {
	startBatch(batchId: string): Promise<void>;
	cancelVideo(videoId: string): Promise<void>;
	cancelBatch(batchId: string): Promise<void>;
	retry(videoIds: string[]): Promise<void>;
}

/** The local scheduler, as the shared one drives it. */
export interface LocalScheduler extends QueueCommands {
	resume(): Promise<number>;
	warm(model: FaceModel, ffmpeg?: boolean): void;
	detectImage(image: Blob, model: FaceModel, confidence: number): Promise<FaceBox[]>;
	extractFrames(videoId: string, frameIndices: number[]): Promise<boolean>;
	embedImage(image: Blob, model: FaceModel, confidence: number): Promise<PhotoFaces>;
	peopleUnavailable(): Promise<string | null>;
	embedFaces(videoId: string): Promise<number>;
	addFrame(videoId: string, frameIndex: number): Promise<AddFrameResult>;
	rerun(
		videoId: string,
		settings: ExtractionSettings,
		onProgress: (progress: number) => void,
		signal: AbortSignal
	): Promise<RerunOutcome>;
}

/** The parts of `navigator.locks` this needs. */
export interface Locks {
	request(
		name: string,
		options: { ifAvailable?: boolean },
		callback: (lock: unknown) => Promise<unknown>
	): Promise<unknown>;
}

export const LEADER_LOCK = 'kff-scheduler-leader';
export const COMMAND_CHANNEL = 'kff-scheduler-commands';

const COMMANDS = ['startBatch', 'cancelVideo', 'cancelBatch', 'retry'] as const;
type Command = (typeof COMMANDS)[number];
interface CommandMessage {
	command: Command;
	arg: string | string[];
}

const isCommand = (data: unknown): data is CommandMessage =>
	typeof data === 'object' && data !== null && COMMANDS.includes((data as CommandMessage).command);

export class SharedScheduler implements LocalScheduler {
	#local: () => LocalScheduler;
	#channel: BroadcastChannel;
	#leader = false;
	/** Settles once this tab knows whether it leads; resolves to how many rows resume() reset. */
	#firstTurn: Promise<number>;

	constructor(local: () => LocalScheduler, locks: Locks, channel: BroadcastChannel) {
		this.#local = local;
		this.#channel = channel;
		this.#firstTurn = new Promise<number>((settle) => {
			const lead = async () => {
				this.#leader = true;
				this.#channel.onmessage = (event: MessageEvent) => this.#obey(event.data);
				return this.#local().resume();
			};
			// Held until the tab closes: the promise never settles.
			const hold = () => new Promise<never>(() => {});
			void locks.request(LEADER_LOCK, { ifAvailable: true }, async (lock) => {
				if (lock) {
					settle(await lead());
					return hold();
				}
				settle(0);
				// Wait in line: take over when the leader's tab closes.
				void locks.request(LEADER_LOCK, {}, async () => {
					await lead();
					return hold();
				});
			});
		});
	}

	/** True while this tab runs the queue. */
	get leading(): boolean {
		return this.#leader;
	}

	/** Start-up: how many interrupted videos this tab put back in the queue (0 when following). */
	resume(): Promise<number> {
		return this.#firstTurn;
	}

	startBatch(batchId: string) {
		return this.#send('startBatch', batchId);
	}

	cancelVideo(videoId: string) {
		return this.#send('cancelVideo', videoId);
	}

	cancelBatch(batchId: string) {
		return this.#send('cancelBatch', batchId);
	}

	retry(videoIds: string[]) {
		return this.#send('retry', videoIds);
	}

	/** Frames of a tuned selection are extracted in this tab's own pool, leader or not. */
	extractFrames(videoId: string, frameIndices: number[]): Promise<boolean> {
		return this.#local().extractFrames(videoId, frameIndices);
	}

	/**
	 * Files are being picked: the leading tab, where videos run, prepares its face models (a
	 * preparation only; a tab that does not lead leaves it to the one that does, which runs).
	 */
	warm(model: FaceModel, ffmpeg = false): void {
		void this.#firstTurn
			.then(() => {
				if (this.#leader) this.#local().warm(model, ffmpeg);
			})
			.catch((error: unknown) => console.warn('Could not prepare the face models', error));
	}

	/** A still photo is detected in this tab's own pool, leader or not. */
	detectImage(image: Blob, model: FaceModel, confidence: number): Promise<FaceBox[]> {
		return this.#local().detectImage(image, model, confidence);
	}

	/** A reference photo is embedded in this tab's own pool too. */
	embedImage(image: Blob, model: FaceModel, confidence: number): Promise<PhotoFaces> {
		return this.#local().embedImage(image, model, confidence);
	}

	peopleUnavailable(): Promise<string | null> {
		return this.#local().peopleUnavailable();
	}

	/** Stored keyframes' faces are embedded in this tab's own pool too. */
	embedFaces(videoId: string): Promise<number> {
		return this.#local().embedFaces(videoId);
	}

	/** A frame picked by hand is taken in this tab's own pool, leader or not. */
	addFrame(videoId: string, frameIndex: number): Promise<AddFrameResult> {
		return this.#local().addFrame(videoId, frameIndex);
	}

	/** A re-run is a proposal held by the tab that asked: it runs in this tab's own pool. */
	rerun(
		videoId: string,
		settings: ExtractionSettings,
		onProgress: (progress: number) => void,
		signal: AbortSignal
	): Promise<RerunOutcome> {
		return this.#local().rerun(videoId, settings, onProgress, signal);
	}

	async #send(command: Command, arg: string | string[]): Promise<void> {
		await this.#firstTurn;
		if (this.#leader) return this.#run({ command, arg });
		this.#channel.postMessage({ command, arg } satisfies CommandMessage);
	}

	#obey(data: unknown) {
		if (isCommand(data)) void this.#run(data);
	}

	#run({ command, arg }: CommandMessage): Promise<void> {
		const local = this.#local();
		switch (command) {
			case 'retry':
				return local.retry(Array.isArray(arg) ? arg : [arg]);
			default:
				return local[command](String(arg));
		}
	}
}
