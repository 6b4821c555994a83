// A sentence with an element inside it (a link, a bold word) stays one message, so translators
// can put the element where their language needs it: the message takes a slot, and the template
// renders the words before it, the element, and the words after it.

/** A private-use character: never in a translation, so splitting on it is safe. */
const SLOT = '\u{E000}';

/** The words before and after the slot of `sentence`, e.g. `(link) => m.trash_hint({ link })`. */
export function aroundSlot(sentence: (slot: string) => string): [before: string, after: string] {
	const [before, after = ''] = sentence(SLOT).split(SLOT);
	return [before, after];
}
