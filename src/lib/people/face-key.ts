// Who the faces of one video are, keyed by a face's place in it: the one spelling of that key
// (the database writes it, export and the review page read it), and the frames a person is on.

/** A face's place in a video: its keyframe and its index in that keyframe's `faces`. */
export function faceKey(frameIndex: number, faceIndex: number): string {
	return `${frameIndex}/${faceIndex}`;
}

/** The frames (by index) on which `personId` has a face, from a video's faces keyed by faceKey. */
export function framesWithPerson(
	people: ReadonlyMap<string, { personId: string }>,
	personId: string
): Set<number> {
	const frames = new Set<number>();
	for (const [key, who] of people) {
		if (who.personId === personId) frames.add(Number(key.slice(0, key.indexOf('/'))));
	}
	return frames;
}
