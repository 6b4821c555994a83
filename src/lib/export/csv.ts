// CSV as spreadsheet programs read it: UTF-8 with a BOM (so Chinese text opens right in Excel),
// CRLF line ends, every field quoted only when it must be.

const BOM = '\uFEFF';

function field(value: string | number): string {
	const text = String(value);
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: string[], rows: (string | number)[][]): string {
	return BOM + [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}
