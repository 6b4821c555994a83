// Hands a Blob to the browser's downloads under the given name.
export function downloadBlob(blob: Blob, fileName: string) {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = fileName;
	a.rel = 'noopener';
	document.body.append(a);
	a.click();
	a.remove();
	// Revoke after the download has started; revoking at once can cancel it in some browsers.
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
