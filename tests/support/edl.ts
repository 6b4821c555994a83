// A strict reader of CMX 3600 EDLs, for tests: no npm package parses EDLs (edl_composer only
// writes them), so this one refuses anything outside the format instead of guessing.
export interface EdlEvent {
	number: number;
	reel: string;
	track: string;
	transition: string;
	sourceIn: string;
	sourceOut: string;
	recordIn: string;
	recordOut: string;
	clipName: string | null;
	comments: string[];
	/** DaVinci Resolve's marker line: `|C:color |M:name |D:duration`. */
	resolveMarker: { color: string; name: string; duration: number } | null;
}

export interface Edl {
	title: string;
	dropFrame: boolean;
	events: EdlEvent[];
}

const TC = '(\\d{2}:\\d{2}:\\d{2}[:;]\\d{2})';
const EVENT = new RegExp(
	`^(\\d{3,4})\\s{2}(\\S{1,8})\\s+(V|A|A2|AA|B|AA/V)\\s+(C)\\s+${TC} ${TC} ${TC} ${TC}\\s*$`
);

export function parseEdl(text: string): Edl {
	const lines = text.split(/\r?\n/);
	const title = /^TITLE: (.+)$/.exec(lines[0] ?? '');
	if (!title) throw new Error(`EDL line 1 is not a TITLE: ${lines[0]}`);
	const fcm = /^FCM: (DROP FRAME|NON-DROP FRAME)$/.exec(lines[1] ?? '');
	if (!fcm) throw new Error(`EDL line 2 is not an FCM: ${lines[1]}`);
	const dropFrame = fcm[1] === 'DROP FRAME';
	const events: EdlEvent[] = [];
	for (const [i, line] of lines.slice(2).entries()) {
		if (line.trim() === '') continue;
		const event = EVENT.exec(line);
		if (event) {
			const [, number, reel, track, transition, sourceIn, sourceOut, recordIn, recordOut] = event;
			for (const tc of [sourceIn, sourceOut, recordIn, recordOut])
				if (tc.includes(';') !== dropFrame)
					throw new Error(`line ${i + 3}: ${tc} does not match FCM ${fcm[1]}`);
			if (Number(number) !== events.length + 1)
				throw new Error(`line ${i + 3}: event ${number} out of order`);
			events.push({
				number: Number(number),
				reel,
				track,
				transition,
				sourceIn,
				sourceOut,
				recordIn,
				recordOut,
				clipName: null,
				comments: [],
				resolveMarker: null
			});
			continue;
		}
		const current = events.at(-1);
		if (!current) throw new Error(`line ${i + 3} before any event: ${line}`);
		const clip = /^\* FROM CLIP NAME: (.*)$/.exec(line);
		const comment = /^\* COMMENT: (.*)$/.exec(line);
		const marker = /^ \|C:(\S+) \|M:(.*) \|D:(\d+)$/.exec(line);
		if (clip) current.clipName = clip[1];
		else if (comment) current.comments.push(comment[1]);
		else if (marker)
			current.resolveMarker = { color: marker[1], name: marker[2], duration: Number(marker[3]) };
		else throw new Error(`line ${i + 3} is not CMX 3600: ${line}`);
	}
	return { title: title[1], dropFrame, events };
}
