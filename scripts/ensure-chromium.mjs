// Browser tests drive Debian's Chromium (Playwright cannot download a browser here).
// Installs it with apt-get when missing and running as root; otherwise says how.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath } from './chromium.mjs';

const path = chromiumPath();

if (!existsSync(path)) {
	if (process.getuid?.() === 0) {
		console.log("Chromium is missing: installing Debian's chromium with apt-get…");
		execSync(
			'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium',
			{
				stdio: 'inherit'
			}
		);
	} else {
		console.error(
			`Chromium was not found at ${path}. Install it with "sudo apt-get install -y chromium" or set CHROMIUM_PATH.`
		);
		process.exit(1);
	}
}
