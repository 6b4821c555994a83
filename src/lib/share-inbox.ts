// Videos shared to the app ("Share → Key Face Frame"): the service worker receives the POST of
// the manifest's share_target, keeps its files here and redirects to `/?share=<id>`, where the
// new-batch page takes them out. IndexedDB, not the app's Dexie database: a service worker must
// not open (or upgrade) the library, and a File stored as it came stays disk-backed.

/** The manifest's share_target action and its file field. */
export const SHARE_ACTION = '/share-target';
export const SHARE_FIELD = 'videos';
/** The query parameter naming a stored share on `/`. */
export const SHARE_PARAM = 'share';

const DB = 'kff-share-inbox';
const STORE = 'shares';

function open(): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const request = indexedDB.open(DB, 1);
		request.onupgradeneeded = () => request.result.createObjectStore(STORE);
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	});
}

/** Runs one request in its own transaction and resolves when that transaction committed. */
async function inStore<T>(
	mode: IDBTransactionMode,
	run: (store: IDBObjectStore) => IDBRequest<T>
): Promise<T> {
	const db = await open();
	try {
		return await new Promise<T>((resolve, reject) => {
			const tx = db.transaction(STORE, mode);
			const request = run(tx.objectStore(STORE));
			tx.oncomplete = () => resolve(request.result);
			tx.onerror = tx.onabort = () => reject(tx.error ?? request.error);
		});
	} finally {
		db.close();
	}
}

/** Keeps shared files until the page takes them; returns their id. */
export async function putShare(files: File[]): Promise<string> {
	const id = crypto.randomUUID();
	await inStore('readwrite', (store) => store.put(files, id));
	return id;
}

/** The files of a share, removed from the inbox (empty when it was taken already). */
export async function takeShare(id: string): Promise<File[]> {
	const files = await inStore<File[] | undefined>('readwrite', (store) => {
		const request = store.get(id);
		store.delete(id);
		return request;
	});
	return files ?? [];
}
