/// <reference lib="webworker" />
// The ffmpeg helper thread, started by each extractor worker: a second ffmpeg.wasm instance that
// decodes chunks of a sampling pass beside the extractor's own (decoders/ffmpeg-helper.ts).
import type { HelperEvent, HelperRequest } from './decoders/ffmpeg-helper-protocol';
import { HelperServer } from './decoders/ffmpeg-helper-server';
import { FFmpegRunner } from './ffmpeg-runner';
import { restrictFetchToOwnOrigin } from './same-origin-fetch';

restrictFetchToOwnOrigin();

const server = new HelperServer((core) => FFmpegRunner.load(core));

self.onmessage = ({ data }: MessageEvent<HelperRequest>) => server.handle(data);
self.postMessage({ kind: 'started' } satisfies HelperEvent);
