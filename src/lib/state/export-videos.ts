// "Download ZIP": reads the videos' kept keyframes from the database, builds the ZIP and saves it.
// Components receive this as their `onexport` callback; they never open the database themselves.
import { db } from '$lib/db/database';
import { exportZip, type ExportOptions, type ExportResult } from '$lib/export/export-zip';

export type ExportVideos = (videoIds: string[], options: ExportOptions) => Promise<ExportResult>;

export const exportVideos: ExportVideos = (videoIds, options) => exportZip(db(), videoIds, options);
