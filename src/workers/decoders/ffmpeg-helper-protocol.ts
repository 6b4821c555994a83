// What crosses between the extractor and its ffmpeg helper thread (ffmpeg-helper.worker.ts): the
// core to load, then one request per chunk, whose frames come back on the chunk's own port.
import type { CoreSource } from '../ffmpeg-runner';
import type { AnnouncedFrame } from './frame-assembler';

/** One ffmpeg run over a chunk of `file`, its frames written to the frame device. */
export interface ChunkJob {
	file: Blob;
	/** The run's arguments; the input is at the path the helper mounts `file` at. */
	args: string[];
	/** Single-byte changes to what the run reads ([offset, value]); null: none. */
	patches: [number, number][] | null;
	timeoutMs: number;
}

export type HelperRequest =
	| { kind: 'load'; core: CoreSource }
	/** `port` (transferred) carries the chunk's ChunkMessages. */
	| { kind: 'decode'; job: ChunkJob; port: MessagePort };

/** What the thread posts to the extractor itself: once, as its script has run. */
export type HelperEvent = { kind: 'started' };

export type ChunkMessage =
	/** A frame as packed I420; `data` is transferred. */
	| { kind: 'frame'; frame: AnnouncedFrame; data: ArrayBuffer }
	/** The run ended with ffmpeg's return code; the log's tail when it failed. */
	| { kind: 'end'; ret: number; log: string }
	/** The run could not be made (the core failed to load, the input to mount). */
	| { kind: 'error'; message: string };
