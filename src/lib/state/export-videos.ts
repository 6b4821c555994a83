// "Download ZIP": reads the videos' kept keyframes from the database, builds the ZIP and saves it.
// Components receive this as their `onexport` callback; they never open the database themselves.
import { db } from '$lib/db/database';
import { downloadBlob } from '$lib/export/download';
import { exportZip, type ExportOptions, type ExportResult } from '$lib/export/export-zip';

export type ExportVideos = (videoIds: string[], options: ExportOptions) => Promise<ExportResult>;

export const exportVideos: ExportVideos = async (videoIds, options) => {
	const result = await exportZip(db(), videoIds, options);
	if (result.blob) downloadBlob(result.blob, result.fileName);
	return result;
};
