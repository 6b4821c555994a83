// Intake: every dropped file is checked before it is stored — not empty, a known video
// container by its first bytes, and room for it on the device. Refused files never become rows.
import { SNIFF_BYTES, sniffContainer } from '$lib/pipeline/container-sniff';
import type { Notice } from '$lib/pipeline/notice';
import { contentKey } from './content-key';
import type { IntakeFile } from './duplicates';

export interface RefusedFile {
	name: string;
	reason: Notice;
}

export interface IntakeResult {
	/** With their content keys, to notice files already in the library. */
	accepted: IntakeFile[];
	refused: RefusedFile[];
}

/** Space the browser will still give us, or Infinity when it does not say. */
async function availableBytes(): Promise<number> {
	const estimate = await navigator.storage?.estimate?.().catch(() => null);
	if (!estimate?.quota) return Infinity;
	return estimate.quota - (estimate.usage ?? 0);
}

export async function checkFiles(files: File[]): Promise<IntakeResult> {
	const accepted: IntakeFile[] = [];
	const refused: RefusedFile[] = [];
	let room = await availableBytes();
	for (const file of files) {
		const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
		const sniff = sniffContainer(head, file.size);
		if (sniff.kind === 'refused') {
			refused.push({ name: file.name, reason: sniff.reason });
		} else if (file.size > room) {
			refused.push({
				name: file.name,
				reason: { code: 'no-room', needs: file.size, free: Math.max(0, room) }
			});
		} else {
			accepted.push({ file, contentKey: await contentKey(file) });
			room -= file.size;
		}
	}
	return { accepted, refused };
}
