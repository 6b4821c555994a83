// Compiling a wasm file for instances made later, by the Emscripten glue it belongs to (its
// instantiateWasm hook), on this thread or another one it is posted to.

/** Emscripten's hook: instantiates the module with the glue's imports and hands it back. */
export type InstantiateWasm = (
	imports: WebAssembly.Imports,
	receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void
) => object;

/** The wasm at `url`, compiled as it downloads (or, served without its MIME type, after). */
export async function compileWasm(url: string): Promise<WebAssembly.Module> {
	try {
		return await WebAssembly.compileStreaming(fetch(url));
	} catch (error) {
		// A wrong MIME type or a failed request (refetched, to say which); a bad wasm stays bad.
		if (!(error instanceof TypeError)) throw error;
		const response = await fetch(url);
		if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
		return WebAssembly.compile(await response.arrayBuffer());
	}
}
