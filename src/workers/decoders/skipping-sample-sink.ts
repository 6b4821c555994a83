// A VideoSampleSink whose decoder never sees the packets `keep` refuses. mediabunny's sink reads
// its packets through `_createPacketSink()`, an internal hook (mediabunny is pinned to an exact
// version for it; decoders.e2e.ts checks that frames are really left out), so its Chromium
// workarounds (AUD stripping, the SPS fix against lost B-frames) still apply to what is decoded.
import {
	EncodedPacketSink,
	VideoSampleSink,
	type EncodedPacket,
	type InputVideoTrack,
	type PacketRetrievalOptions,
	type VideoSinkDecoderOptions
} from 'mediabunny';

type Keep = (packet: EncodedPacket) => boolean;

class FilteredPacketSink extends EncodedPacketSink {
	readonly #keep: Keep;

	constructor(track: InputVideoTrack, keep: Keep) {
		super(track);
		this.#keep = keep;
	}

	override async *packets(
		startPacket?: EncodedPacket,
		endPacket?: EncodedPacket,
		options?: PacketRetrievalOptions
	): AsyncGenerator<EncodedPacket, void, unknown> {
		for await (const packet of super.packets(startPacket, endPacket, options)) {
			if (this.#keep(packet)) yield packet;
		}
	}
}

export class SkippingSampleSink extends VideoSampleSink {
	readonly #track: InputVideoTrack;
	readonly #keep: Keep;

	constructor(track: InputVideoTrack, options: VideoSinkDecoderOptions, keep: Keep) {
		super(track, options);
		this.#track = track;
		this.#keep = keep;
	}

	/** Overrides mediabunny's internal packet source (see the header). */
	_createPacketSink(): EncodedPacketSink {
		return new FilteredPacketSink(this.#track, this.#keep);
	}
}
