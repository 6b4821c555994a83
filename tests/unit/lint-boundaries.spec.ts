// The dependency rules of ARCHITECTURE.md are lint rules: each forbidden import fails `npm run
// lint`, and each allowed one passes. Runs ESLint with the project's own config on snippets
// placed at real paths (the type-aware rules need a file the project knows).
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const RULE = '@typescript-eslint/no-restricted-imports';
const eslint = new ESLint({ cwd: process.cwd() });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, { filePath });
	return result.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

/** A component, and a page, to lint snippets as. */
const COMPONENT = 'src/lib/components/VideoRow.svelte';
const PAGE = 'src/routes/+page.svelte';
const svelte = (imports: string) => `<script lang="ts">\n${imports}\n</script>\n`;

describe('lint boundaries', { timeout: 120_000 }, () => {
	it.each([
		[
			'src/lib/pipeline/select.ts',
			"import { db } from '$lib/db/database';\nexport const x = db;\n"
		],
		['src/lib/pipeline/select.ts', "import { x } from '../settings/extraction-settings';\n"],
		['src/lib/pipeline/select.ts', "import { browser } from '$app/environment';\n"],
		['src/lib/db/videos.ts', "import { scheduler } from '$lib/batch/scheduler-instance';\n"],
		['src/lib/db/videos.ts', "import { Selection } from '$lib/state/selection.svelte';\n"],
		[
			'src/lib/db/videos.ts',
			"import type { ExtractorApi } from '../workers/extractor-protocol';\n"
		],
		['src/lib/db/videos.ts', "import Row from '$lib/components/VideoRow.svelte';\n"],
		['src/lib/db/videos.ts', "import { writeBackup } from '$lib/backup/write-backup';\n"],
		['src/lib/backup/write-backup.ts', "import { m } from '$lib/paraglide/messages';\n"],
		[
			'src/lib/backup/write-backup.ts',
			"import { settingsStore } from '../state/settings.svelte';\n"
		],
		['src/lib/db/videos.ts', "import { m } from '$lib/paraglide/messages';\n"],
		['src/workers/probe.ts', "import { formatBytes } from '$lib/i18n/format';\n"],
		['src/workers/probe.ts', "import { scheduler } from '$lib/batch/scheduler-instance';\n"],
		[
			'src/lib/workers/worker-pool.ts',
			"import { settingsStore } from '../state/settings.svelte';\n"
		],
		['src/lib/shared/trash-retention.ts', "import { db } from '$lib/db/database';\n"],
		['src/lib/settings/extraction-settings.ts', "import { score } from '$lib/pipeline/score';\n"],
		[COMPONENT, svelte("import { db } from '$lib/db/database';")],
		[COMPONENT, svelte("import { liveQuery } from 'dexie';")],
		[COMPONENT, svelte("import { restoreBackup } from '$lib/backup/restore-backup';")],
		[PAGE, svelte("import { listRecentBatches } from '$lib/db/batches';")],
		[COMPONENT, svelte("import { WorkerPool } from '$lib/workers/worker-pool';")],
		[COMPONENT, svelte("import type { ExtractorApi } from '$lib/workers/extractor-protocol';")]
	])('%s may not: %s', async (file, code) => {
		expect(await boundaryErrors(file, code)).toHaveLength(1);
	});

	it.each([
		['src/lib/pipeline/select.ts', "import type { FaceBox } from './types';\n"],
		['src/lib/db/videos.ts', "import type { VideoStatus } from '$lib/shared/status';\n"],
		['src/lib/shared/trash-retention.ts', "import type { FaceBox } from '$lib/pipeline/types';\n"],
		['src/workers/probe.ts', "import { errorText } from '$lib/pipeline/failure-message';\n"],
		[PAGE, svelte("import type { VideoRecord } from '$lib/db/types';")],
		[COMPONENT, svelte("import type { VideoRecord } from '$lib/db/types';")],
		[COMPONENT, svelte("import { formatBytes } from '$lib/i18n/format';")],
		[COMPONENT, svelte("import type { BackupProblem } from '$lib/backup/backup-format';")]
	])('%s may: %s', async (file, code) => {
		expect(await boundaryErrors(file, code)).toEqual([]);
	});
});
