// Folders: every video inside a chosen folder, at any depth, joins the batch; other files are
// counted as skipped; the batch takes the folder's name.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { fixture } from './helpers';

/** Holiday/{a/faces_timeline.mp4, b/c/megamind_vp9.webm, notes.txt, .DS_Store} in a temp dir. */
function folderTree(): string {
	const root = join(mkdtempSync(join(tmpdir(), 'kff-folder-')), 'Holiday');
	mkdirSync(join(root, 'a'), { recursive: true });
	mkdirSync(join(root, 'b', 'c'), { recursive: true });
	copyFileSync(fixture('faces_timeline.mp4'), join(root, 'a', 'faces_timeline.mp4'));
	copyFileSync(fixture('megamind_vp9.webm'), join(root, 'b', 'c', 'megamind_vp9.webm'));
	writeFileSync(join(root, 'notes.txt'), 'not a video');
	writeFileSync(join(root, '.DS_Store'), 'hidden');
	return root;
}

test('a chosen folder adds its videos recursively, counts the rest, and names the batch', async ({
	page
}) => {
	await page.goto('/');
	await page.getByTestId('folder-input').setInputFiles(folderTree());
	await expect(page.getByText('2 videos ready')).toBeVisible();
	await expect(page.getByTestId('skipped-files')).toHaveText(
		'1 file in the folder was not a video and was skipped.'
	);
	await expect(page.getByTestId('refused-file')).toHaveCount(0);
	await expect(page.getByTestId('batch-name')).toHaveValue('Holiday');

	await page.getByTestId('max-frames').fill('2');
	await page.getByTestId('start-batch').click();
	await page.waitForURL(/\/batches\//);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Holiday');
	await expect(page.getByTestId('video-row')).toHaveCount(2);
	await expect(page.getByTestId('video-row').filter({ hasText: 'faces_timeline.mp4' })).toHaveCount(
		1
	);
	await expect(page.getByTestId('video-row').filter({ hasText: 'megamind_vp9.webm' })).toHaveCount(
		1
	);
});

test('a batch name the person typed stays when a folder is chosen', async ({ page }) => {
	await page.goto('/');
	await page.getByTestId('batch-name').fill('Mine');
	await page.getByTestId('folder-input').setInputFiles(folderTree());
	await expect(page.getByText('2 videos ready')).toBeVisible();
	await expect(page.getByTestId('batch-name')).toHaveValue('Mine');
});

test('files dropped one by one still arrive', async ({ page }) => {
	await page.goto('/');
	const bytes = [...readFileSync(fixture('megamind_vp9.webm'))];
	await page.evaluate((bytes) => {
		const data = new DataTransfer();
		data.items.add(new File([new Uint8Array(bytes)], 'dropped.webm', { type: 'video/webm' }));
		const zone = document.querySelector('[data-testid="file-input"]')!.closest('label')!;
		zone.dispatchEvent(
			new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true })
		);
	}, bytes);
	await expect(page.getByText('1 video ready')).toBeVisible();
	await expect(page.getByText('dropped.webm')).toBeVisible();
});

test('a dropped folder is read to the bottom, however the browser chunks its entries', async ({
	page
}) => {
	await page.goto('/');
	const webm = [...readFileSync(fixture('megamind_vp9.webm'))];
	const mp4 = [...readFileSync(fixture('megamind_h264.mp4'))];
	await page.evaluate(
		([webm, mp4]) => {
			// A real directory cannot be dropped from a test: the dropped item's entry is a fake
			// tree, Trip/{one.webm, notes.txt, deep/two.mp4}, whose reader answers one entry a time.
			const video = (name: string, bytes: number[]) => new File([new Uint8Array(bytes)], name);
			const fileEntry = (file: File) => ({
				isDirectory: false,
				name: file.name,
				file: (ok: (f: File) => void) => ok(file)
			});
			const dirEntry = (name: string, children: object[]) => ({
				isDirectory: true,
				name,
				createReader: () => {
					const left = [...children];
					return { readEntries: (ok: (e: object[]) => void) => ok(left.splice(0, 1)) };
				}
			});
			const tree = dirEntry('Trip', [
				fileEntry(video('one.webm', webm)),
				fileEntry(new File(['x'], 'notes.txt', { type: 'text/plain' })),
				dirEntry('deep', [fileEntry(video('two.mp4', mp4))])
			]);
			DataTransferItem.prototype.webkitGetAsEntry = () => tree as unknown as FileSystemEntry;
			const data = new DataTransfer();
			data.items.add(new File([''], 'Trip'));
			const zone = document.querySelector('[data-testid="file-input"]')!.closest('label')!;
			zone.dispatchEvent(
				new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true })
			);
		},
		[webm, mp4]
	);
	await expect(page.getByText('2 videos ready')).toBeVisible();
	await expect(page.getByTestId('skipped-files')).toContainText('1 file');
	await expect(page.getByTestId('batch-name')).toHaveValue('Trip');
});
