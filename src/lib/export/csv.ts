// CSV as spreadsheet programs read it: UTF-8 with a BOM (so Chinese text opens right in Excel),
// CRLF line ends, every field quoted only when it must be, and no text that a spreadsheet would
// run as a formula.

const BOM = '\uFEFF';

/**
 * OWASP's rule against CSV injection: text that starts like a formula (=, +, -, @, tab, CR) gets
 * a leading apostrophe, which spreadsheets show as text. Numbers are ours and stay numbers.
 */
function inert(value: string | number): string {
	if (typeof value === 'number') return String(value);
	return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function field(value: string | number): string {
	const text = inert(value);
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: string[], rows: (string | number)[][]): string {
	return BOM + [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}
