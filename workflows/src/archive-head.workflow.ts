import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  log,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';

/** The workflow type and id of the archive's head anchor (libs/audit/src/head-anchor.ts signals it by these names). */
export const ARCHIVE_HEAD_WORKFLOW = 'archiveHead';
export const ARCHIVE_HEAD_WORKFLOW_ID = 'saksflyt-archive-head';

/** A published head as the workflow sees it: it keeps the rest (by, key id, MAC) as it came. */
export interface AnchoredHead {
  count: number;
  hash: string;
  publishedAt: string;
  [more: string]: unknown;
}

export interface ArchiveHeadState {
  /** The head with the most records published so far. */
  latest?: AnchoredHead;
  /** Heads that went back (fewer records than one before, or as many with another hash): never expected. */
  conflicts?: { head: AnchoredHead; after: AnchoredHead }[];
  /** Publications per run before continuing as new (default 500; tests set fewer). */
  publicationsPerRun?: number;
}

export const publishHeadSignal = defineSignal<[AnchoredHead]>('publishHead');
export const archiveHeadQuery = defineQuery<ArchiveHeadState & { publishedThisRun: number }>('archiveHead');

/** Publications per run before continuing as new: a run's history stays at a few thousand events. */
const PUBLICATIONS_PER_RUN = 500;
const CONFLICTS_KEPT = 100;

/**
 * The archive's head anchor in Temporal: one long-running workflow that every published head is signalled to, so its
 * history records them (in the namespace, out of reach of whoever administers the archive's storage). Publishers
 * send a head only when it moved, so a run holds few events; after PUBLICATIONS_PER_RUN (or when Temporal suggests)
 * it continues as new carrying the latest head, which a running workflow keeps past any retention period.
 */
export async function archiveHead(carried: ArchiveHeadState = {}): Promise<void> {
  const state: ArchiveHeadState = { ...carried };
  let publishedThisRun = 0;
  setHandler(publishHeadSignal, (head) => {
    publishedThisRun += 1;
    const latest = state.latest;
    if (latest && (head.count < latest.count || (head.count === latest.count && head.hash !== latest.hash))) {
      log.error('an archive head went back', { count: head.count, after: latest.count });
      state.conflicts = [...(state.conflicts ?? []), { head, after: latest }].slice(-CONFLICTS_KEPT);
      return;
    }
    state.latest = head;
  });
  setHandler(archiveHeadQuery, () => ({ ...state, publishedThisRun }));
  const perRun = state.publicationsPerRun ?? PUBLICATIONS_PER_RUN;
  await condition(() => publishedThisRun >= perRun || workflowInfo().continueAsNewSuggested);
  await condition(allHandlersFinished);
  await continueAsNew<typeof archiveHead>(state);
}
