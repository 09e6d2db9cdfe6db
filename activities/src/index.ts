/**
 * The side effects a case's events call for (notify the applicant, assign a lawyer, the Dublin request, the
 * hand-over to UNE, police notices) are registered here. The lifecycle issue adds them; the worker already
 * registers whatever this returns, so adding one needs no change to the worker.
 */
export interface ActivityDependencies {
  /** Root of the embedded default's files (the outbox lives under it). */
  dataDir: string;
}

export type CaseActivities = Record<string, never>;

export function createActivities(_dependencies: ActivityDependencies): CaseActivities {
  return {};
}
