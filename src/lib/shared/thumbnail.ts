// The video's cover thumbnail: made by the extractor worker, shown in the history and Trash.
export const VIDEO_THUMB = { width: 300, height: 200, quality: 0.85 } as const;
