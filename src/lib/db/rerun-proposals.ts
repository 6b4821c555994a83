// A re-run's proposal (see batch/rerun.ts), kept until the person keeps or drops it: a reload or
// a closed tab does not throw away a run that took minutes. One per video, the latest.
import type { KffDatabase } from './database';
import type { ExtractionSettings } from './types';
import type { ExtractionResult } from './videos';

export interface RerunProposalRecord {
	videoId: string;
	settings: ExtractionSettings;
	result: ExtractionResult;
	createdAt: number;
}

export function saveProposal(
	db: KffDatabase,
	videoId: string,
	proposal: Pick<RerunProposalRecord, 'settings' | 'result'>
): Promise<unknown> {
	return db.rerunProposals.put({ videoId, ...proposal, createdAt: Date.now() });
}

export function proposalOf(
	db: KffDatabase,
	videoId: string
): Promise<RerunProposalRecord | undefined> {
	return db.rerunProposals.get(videoId);
}

export function dropProposal(db: KffDatabase, videoId: string): Promise<void> {
	return db.rerunProposals.delete(videoId);
}
