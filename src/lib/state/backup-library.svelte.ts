// Settings' "Back up library" and "Restore": what a backup would weigh (with and without the
// original videos), writing one (to a picked file when large, else a download), and restoring
// one with its settings. The file format and the merge live in $lib/backup.
import type { BackupProblem } from '$lib/backup/backup-format';
import { BackupError } from '$lib/backup/backup-format';
import { blobSink, pickFileSink, type BackupSink } from '$lib/backup/backup-sink';
import { canPickFile } from '$lib/export/save-file-picker';
import { restoreBackup } from '$lib/backup/restore-backup';
import { measureBackup, writeBackup } from '$lib/backup/write-backup';
import { createDatabase, db } from '$lib/db/database';
import { markMissingOriginals } from '$lib/db/videos';
import { downloadBlob } from '$lib/export/download';
import { locale } from '$lib/i18n/locale.svelte';
import { isLocaleChoice } from '$lib/i18n/locale-choice';
import { m } from '$lib/paraglide/messages';
import { errorMessage } from '$lib/pipeline/failure-message';
import { loadStoredSettings, sanitizeSettings } from '$lib/settings/extraction-settings';
import { settingsStore } from './settings.svelte';

/** The table of original video files: optional in a backup, and most of its size. */
const ORIGINALS = 'videoBlobs';
/** Above this size, write straight to a picked file where the browser can. */
export const PICK_FILE_BYTES = 256 * 1024 * 1024;
const FILE_TYPE = { mime: 'application/octet-stream', extension: '.kffbackup' };

export interface BackupSizes {
	/** Bytes of the original videos. */
	originals: number;
	/** Bytes of everything else. */
	rest: number;
}

export type BackupStatus =
	| { kind: 'idle' }
	| { kind: 'writing'; done: number; total: number }
	| { kind: 'saved'; name: string; bytes: number }
	| { kind: 'checking'; name: string; fraction: number }
	| { kind: 'restoring'; name: string; done: number; total: number }
	| { kind: 'restored'; name: string; rows: number }
	| { kind: 'backup-failed'; error: string }
	| { kind: 'restore-refused'; name: string; problem: BackupProblem }
	| { kind: 'restore-failed'; name: string; error: string };

/** What a backup carries besides the database: the saved settings and the language choice. */
interface BackupSettings {
	app: unknown;
	locale: unknown;
}

function backupName(now = new Date()): string {
	const day = [now.getFullYear(), now.getMonth() + 1, now.getDate()]
		.map((n) => String(n).padStart(2, '0'))
		.join('-');
	return `key-face-frame-backup-${day}${FILE_TYPE.extension}`;
}

const isAbort = (e: unknown) => e instanceof DOMException && e.name === 'AbortError';

export class BackupLibraryState {
	#sizes = $state<BackupSizes | null>(null);
	#status = $state.raw<BackupStatus>({ kind: 'idle' });
	#busy = $state(false);
	includeOriginals = $state(false);

	constructor() {
		$effect(() => void this.measure());
	}

	/** null while measuring. */
	get sizes(): BackupSizes | null {
		return this.#sizes;
	}

	get status(): BackupStatus {
		return this.#status;
	}

	get busy(): boolean {
		return this.#busy;
	}

	async measure() {
		this.#sizes = null;
		const tables = await measureBackup(db());
		const originals = tables[ORIGINALS] ?? 0;
		const all = Object.values(tables).reduce((a, b) => a + b, 0);
		this.#sizes = { originals, rest: all - originals };
	}

	/** Call straight from the click: the file picker needs the user's gesture. */
	async backup() {
		if (this.#busy) return;
		this.#busy = true;
		const name = backupName();
		const sizes = this.#sizes;
		const bytes = sizes ? sizes.rest + (this.includeOriginals ? sizes.originals : 0) : 0;
		let sink: BackupSink | undefined;
		try {
			sink =
				bytes > PICK_FILE_BYTES && canPickFile()
					? await pickFileSink(name, { ...FILE_TYPE, description: m.backup_file_type() })
					: blobSink(FILE_TYPE.mime);
			const settings: BackupSettings = { app: loadStoredSettings(), locale: locale.choice };
			const written = await writeBackup(db(), sink, {
				skipTables: this.includeOriginals ? [] : [ORIGINALS],
				settings,
				onProgress: (done, total) => (this.#status = { kind: 'writing', done, total })
			});
			const blob = await sink.finish();
			if (blob) downloadBlob(blob, name);
			this.#status = { kind: 'saved', name, bytes: written.bytes };
		} catch (e) {
			await sink?.abort().catch(() => {});
			this.#status = isAbort(e)
				? { kind: 'idle' }
				: { kind: 'backup-failed', error: errorMessage(e) };
		} finally {
			this.#busy = false;
		}
	}

	async restore(file: File) {
		if (this.#busy) return;
		this.#busy = true;
		const name = file.name;
		this.#status = { kind: 'checking', name, fraction: 0 };
		try {
			const { header, rows } = await restoreBackup(db(), file, {
				openCurrent: createDatabase,
				onProgress: (p) =>
					(this.#status =
						p.phase === 'checking'
							? { kind: 'checking', name, fraction: p.done / p.total }
							: { kind: 'restoring', name, done: p.done, total: p.total })
			});
			await markMissingOriginals(db());
			applySettings(header.settings);
			this.#status = { kind: 'restored', name, rows };
		} catch (e) {
			this.#status =
				e instanceof BackupError
					? { kind: 'restore-refused', name, problem: e.problem }
					: { kind: 'restore-failed', name, error: errorMessage(e) };
		} finally {
			this.#busy = false;
		}
		await this.measure();
	}
}

/** The backup's settings become this browser's (invalid values fall back to the defaults). */
function applySettings(settings: unknown) {
	const s = (settings ?? {}) as Partial<BackupSettings>;
	const store = settingsStore();
	store.values = sanitizeSettings(s.app);
	store.save();
	if (isLocaleChoice(s.locale)) locale.choose(s.locale);
}
