// A stored or returned notice (a code and values) in the reader's language.
import { m } from '$lib/paraglide/messages';
import type { Notice } from '$lib/pipeline/notice';
import { formatBytes, formatNumber } from './format';

export function noticeText(notice: Notice): string {
	switch (notice.code) {
		case 'file-incomplete':
			return m.notice_file_incomplete();
		case 'no-video-track':
			return m.notice_no_video_track();
		case 'codec-unsupported':
			return m.notice_codec_unsupported();
		case 'damaged':
			return m.notice_damaged();
		case 'out-of-memory':
			return m.notice_out_of_memory();
		case 'timed-out':
			return m.notice_timed_out();
		case 'decode-failed':
			return m.notice_decode_failed();
		case 'no-faces': {
			const confidence = formatNumber(notice.confidence);
			return notice.model === 'short'
				? m.notice_no_faces_short({ confidence })
				: m.notice_no_faces_full({ confidence });
		}
		case 'damaged-tail':
			return m.notice_damaged_tail({ sampled: formatNumber(notice.sampled) });
		case 'stalled':
			return m.notice_stalled({ seconds: notice.seconds });
		case 'interrupted-repeatedly':
			return m.notice_interrupted_repeatedly({ attempts: notice.attempts });
		case 'stopped-unexpectedly':
			return m.notice_stopped_unexpectedly();
		case 'detector-failed':
			return m.notice_detector_failed();
		case 'original-missing':
			return m.notice_original_missing();
		case 'storage-full':
			return m.notice_storage_full();
		case 'save-failed':
			return m.notice_save_failed();
		case 'empty-file':
			return m.notice_empty_file();
		case 'still-image':
			return m.notice_still_image({ format: notice.format });
		case 'text-file':
			return m.notice_text_file();
		case 'unknown-format':
			return m.notice_unknown_format();
		case 'no-room':
			return m.notice_no_room({ needs: formatBytes(notice.needs), free: formatBytes(notice.free) });
		case 'frame-too-large':
			return m.notice_frame_too_large({
				width: notice.width,
				height: notice.height,
				max: formatNumber(notice.max)
			});
		case 'bad-duration':
			return m.notice_bad_duration();
		case 'text':
			return notice.text;
	}
}
