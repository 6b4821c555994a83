// Puts everything the app loads at run time into static/vendor/ (git-ignored), from npm packages:
// the ffmpeg core, LiteRT.js's wasm (its glue also as an ES module), MediaPipe's BlazeFace models
// face mesh's landmark model (eyes open), and People's face recognition model with TensorFlow.js's wasm.
// Runs before dev and build; nothing is ever fetched from another origin.
import { createHash } from 'node:crypto';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vendor = join(root, 'static', 'vendor');
// Not require.resolve: @ffmpeg/core's "exports" hide its package.json and dist/ layout.
const packageDir = (name) => join(root, 'node_modules', name);

const copies = [
	['@ffmpeg/core', 'dist/esm/ffmpeg-core.js', 'ffmpeg'],
	['@ffmpeg/core', 'dist/esm/ffmpeg-core.wasm', 'ffmpeg'],
	['@litertjs/core', 'wasm/litert_wasm_internal.wasm', 'litert'],
	['@litertjs/core', 'wasm/litert_wasm_compat_internal.wasm', 'litert'],
	['@mediapipe/face_detection', 'face_detection_full_range.tflite', 'models'],
	['@mediapipe/face_detection', 'face_detection_short_range.tflite', 'models'],
	// People: face-api's recognition net and the wasm of the TensorFlow.js backend it runs on
	// (SIMD, and plain for browsers without; the threaded build needs cross-origin isolation).
	['@vladmandic/face-api', 'model/face_recognition_model-weights_manifest.json', 'models'],
	['@vladmandic/face-api', 'model/face_recognition_model.bin', 'models'],
	['@tensorflow/tfjs-backend-wasm', 'wasm-out/tfjs-backend-wasm-simd.wasm', 'tfjs'],
	['@tensorflow/tfjs-backend-wasm', 'wasm-out/tfjs-backend-wasm.wasm', 'tfjs']
];

for (const [pkg, file, dir] of copies) {
	const from = join(packageDir(pkg), file);
	const to = join(vendor, dir, file.split('/').pop());
	mkdirSync(dirname(to), { recursive: true });
	const same =
		existsSync(to) &&
		statSync(to).size === statSync(from).size &&
		statSync(to).mtimeMs >= statSync(from).mtimeMs;
	if (!same) copyFileSync(from, to);
}

// The eyes-open factor's face landmark model ships only inside face mesh's packed assets: cut it
// out at the place the package's loader lists for it.
{
	const pkg = packageDir('@mediapipe/face_mesh');
	const loader = readFileSync(join(pkg, 'face_mesh_solution_packed_assets_loader.js'), 'utf8');
	const entry = /"filename": "[^"]*\/face_landmark\.tflite", "start": (\d+), "end": (\d+)/.exec(
		loader
	);
	if (!entry)
		throw new Error('prepare-assets: face_landmark.tflite not listed in @mediapipe/face_mesh');
	const packed = readFileSync(join(pkg, 'face_mesh_solution_packed_assets.data'));
	const model = packed.subarray(Number(entry[1]), Number(entry[2]));
	const to = join(vendor, 'models', 'face_landmark.tflite');
	if (!existsSync(to) || !readFileSync(to).equals(model)) writeFileSync(to, model);
}

// LiteRT's glue is a classic script (importScripts, which module workers lack): the same code as
// an ES module, so the detector's module worker can import it.
for (const name of ['litert_wasm_internal', 'litert_wasm_compat_internal']) {
	const glue = readFileSync(join(packageDir('@litertjs/core'), 'wasm', `${name}.js`), 'utf8');
	writeFileSync(join(vendor, 'litert', `${name}.mjs`), `${glue}\nexport default ModuleFactory;\n`);
}

// Content revisions for the service worker's precache: these files keep their names across
// builds, so only a change of content should make returning visitors download 45 MB again.
const revisions = {};
for (const dir of readdirSync(vendor, { withFileTypes: true }).filter((d) => d.isDirectory())) {
	for (const file of readdirSync(join(vendor, dir.name))) {
		const hash = createHash('sha256').update(readFileSync(join(vendor, dir.name, file)));
		revisions[`/vendor/${dir.name}/${file}`] = hash.digest('hex').slice(0, 16);
	}
}
writeFileSync(join(vendor, 'revisions.json'), JSON.stringify(revisions, null, '\t') + '\n');
console.log('prepare-assets: static/vendor ready (ffmpeg core, LiteRT wasm, face models)');
