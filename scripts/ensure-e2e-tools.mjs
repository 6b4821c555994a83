// Browser tests drive Debian's Chromium (Playwright cannot download a browser here), with a
// Chinese font so that pages in Chinese render as a Chinese reader's browser shows them (without
// one, CJK text falls back to narrow boxes and the phone layout checks measure those), and make
// inputs the fixtures do not hold (an HEVC .mov) with native ffmpeg.
// Installs what is missing with apt-get when running as root; otherwise says how.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath } from './chromium.mjs';

const path = chromiumPath();
const onPath = (command) => {
	try {
		execSync(`command -v ${command}`, { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
};
const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const missing = [
	...(existsSync(path) ? [] : ['chromium']),
	...(existsSync(CJK_FONT) ? [] : ['fonts-wqy-microhei']),
	...(onPath('ffmpeg') ? [] : ['ffmpeg'])
];

if (missing.length > 0) {
	if (process.getuid?.() === 0) {
		console.log(`Installing ${missing.join(' and ')} with apt-get…`);
		execSync(
			`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')}`,
			{ stdio: 'inherit' }
		);
	} else {
		console.error(
			`Missing ${missing.join(', ')}. Install with "sudo apt-get install -y ${missing.join(' ')}"${existsSync(path) ? '' : ' or set CHROMIUM_PATH'}.`
		);
		process.exit(1);
	}
}
