import {
  ensureTemporalTool,
  type ResolvedTool,
  TEMPORAL_CLI,
  TEMPORAL_TEST_SERVER,
} from '@saksflyt/temporal';

/** The pinned Temporal binaries (`npm test` installs them before jest starts; here they are only found). */
export function temporalCli(): Promise<ResolvedTool> {
  return ensureTemporalTool(TEMPORAL_CLI, () => undefined);
}

export function temporalTestServer(): Promise<ResolvedTool> {
  return ensureTemporalTool(TEMPORAL_TEST_SERVER, () => undefined);
}
