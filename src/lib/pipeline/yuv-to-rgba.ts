// Decoded video frames (planar YUV, as WebCodecs hands them out) to RGBA in one pass, with no
// canvas: the keyframes' full-size JPEGs. Drawing a VideoFrame on a canvas costs ~25 ms a 720p
// frame without a GPU. Bilinear, and the colour matrix ffmpeg's `scale` picks (BT.709 only when
// the stream says so, else BT.601), so both decoders give the same colours; the analysis views
// (picture.ts) use the same coefficients.

export interface PlaneLayout {
	offset: number;
	stride: number;
}

export interface YuvFrame {
	/** I420: Y, U, V planes (an alpha plane is ignored); NV12: Y and interleaved UV. */
	format: 'I420' | 'NV12';
	/** Size of the picture in `data` (the visible rectangle). */
	width: number;
	height: number;
	data: Uint8Array;
	layout: readonly PlaneLayout[];
	matrix: 'bt601' | 'bt709';
	fullRange: boolean;
}

/** Source positions and weights of a bilinear resize along one axis, computed once per frame. */
function axis(outSize: number, inSize: number) {
	const lo = new Int32Array(outSize);
	const hi = new Int32Array(outSize);
	const w = new Float32Array(outSize);
	const k = inSize / outSize;
	for (let i = 0; i < outSize; i++) {
		const s = Math.min(inSize - 1, Math.max(0, (i + 0.5) * k - 0.5));
		lo[i] = Math.floor(s);
		hi[i] = Math.min(inSize - 1, lo[i] + 1);
		w[i] = s - lo[i];
	}
	return { lo, hi, w };
}

/** The YUV → RGB constants of a matrix and range. */
export function colourCoefficients(matrix: YuvFrame['matrix'], fullRange: boolean) {
	const [kr, kb] = matrix === 'bt709' ? [0.2126, 0.0722] : [0.299, 0.114];
	const kg = 1 - kr - kb;
	const ys = fullRange ? 1 : 255 / 219;
	const cs = fullRange ? 1 : 255 / 224;
	return {
		yOffset: fullRange ? 0 : 16,
		ys,
		rv: 2 * (1 - kr) * cs,
		gu: ((2 * kb * (1 - kb)) / kg) * cs,
		gv: ((2 * kr * (1 - kr)) / kg) * cs,
		bu: 2 * (1 - kb) * cs
	};
}

/** Writes `frame` resized to `outWidth`×`outHeight` into `out` (RGBA, opaque). */
export function yuvToRgba(
	frame: YuvFrame,
	out: Uint8ClampedArray,
	outWidth: number,
	outHeight: number
): void {
	const { data, layout, width, height } = frame;
	const yx = axis(outWidth, width);
	const yy = axis(outHeight, height);
	const cx = axis(outWidth, (width + 1) >> 1);
	const cy = axis(outHeight, (height + 1) >> 1);
	const c = colourCoefficients(frame.matrix, frame.fullRange);
	const nv12 = frame.format === 'NV12';
	const Y = layout[0];
	const U = layout[1];
	const V = nv12 ? { offset: layout[1].offset + 1, stride: layout[1].stride } : layout[2];
	const step = nv12 ? 2 : 1;

	const sample = (
		plane: PlaneLayout,
		col: number,
		row: number,
		ax: ReturnType<typeof axis>,
		ay: ReturnType<typeof axis>,
		stepX: number
	) => {
		const r0 = plane.offset + ay.lo[row] * plane.stride;
		const r1 = plane.offset + ay.hi[row] * plane.stride;
		const x0 = ax.lo[col] * stepX;
		const x1 = ax.hi[col] * stepX;
		const wx = ax.w[col];
		const top = data[r0 + x0] + (data[r0 + x1] - data[r0 + x0]) * wx;
		const bottom = data[r1 + x0] + (data[r1 + x1] - data[r1 + x0]) * wx;
		return top + (bottom - top) * ay.w[row];
	};

	let o = 0;
	for (let row = 0; row < outHeight; row++) {
		for (let col = 0; col < outWidth; col++) {
			const l = (sample(Y, col, row, yx, yy, 1) - c.yOffset) * c.ys;
			const u = sample(U, col, row, cx, cy, step) - 128;
			const v = sample(V, col, row, cx, cy, step) - 128;
			// Uint8ClampedArray rounds and clamps to 0..255.
			out[o] = l + c.rv * v;
			out[o + 1] = l - c.gu * u - c.gv * v;
			out[o + 2] = l + c.bu * u;
			out[o + 3] = 255;
			o += 4;
		}
	}
}

/** A tightly packed I420 (yuv420p) frame, as ffmpeg's rawvideo writes it. */
export function packedI420(
	data: Uint8Array,
	width: number,
	height: number,
	colour: Pick<YuvFrame, 'matrix' | 'fullRange'>
): YuvFrame {
	const lumaSize = width * height;
	const chromaStride = (width + 1) >> 1;
	const chromaSize = chromaStride * ((height + 1) >> 1);
	return {
		format: 'I420',
		width,
		height,
		data,
		layout: [
			{ offset: 0, stride: width },
			{ offset: lumaSize, stride: chromaStride },
			{ offset: lumaSize + chromaSize, stride: chromaStride }
		],
		...colour
	};
}

/** Detection size: long side at most `longSide`, aspect kept, never upscaled. */
export function fitWithin(
	width: number,
	height: number,
	longSide: number
): { width: number; height: number } {
	const k = Math.min(1, longSide / Math.max(width, height));
	return { width: Math.max(1, Math.round(width * k)), height: Math.max(1, Math.round(height * k)) };
}
