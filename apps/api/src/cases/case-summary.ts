import { z } from 'zod';
import { CaseStatus, CaseTrack } from '@saksflyt/domain';

/**
 * One row of the case list: what the search attributes hold, and the applicant's name from the person index (never
 * from Temporal's visibility, which holds no name). Described with zod so that the OpenAPI document says the same as the code.
 */
export const CaseSummary = z.object({
  dufNumber: z.string(),
  status: CaseStatus.nullable(),
  track: CaseTrack.nullable(),
  homeOblast: z.string().nullable(),
  interviewPriority: z.boolean(),
  nextDeadline: z.string().nullable().meta({ description: 'the earliest running deadline, ISO date-time' }),
  startedAt: z.string(),
  closed: z.boolean(),
  workItems: z.array(z.string()).meta({
    description:
      'what the case waits for someone at UDI to do (the WorkItems search attribute; empty for the cases of the first release)',
  }),
  assignedTo: z
    .string()
    .nullable()
    .meta({ description: 'who holds the case (AssignedTo); null in its queue' }),
  team: z.string().nullable().meta({
    description:
      'the team whose queue or caseworker has the case (Team); null for cases from before work allocation',
  }),
  lodgedAt: z.string().nullable().meta({
    description:
      'when the application was lodged (LodgedAt), ISO date-time; null for cases from before it was set',
  }),
  name: z.string().nullable().meta({
    description:
      "the applicant's name, from the person index; null for a case the index does not hold (see `saksflyt cases reindex`)",
  }),
  holderDisabled: z.boolean().meta({
    description:
      "the case's holder has a disabled account: it shows in its team's queue until someone takes it",
  }),
});
export type CaseSummary = z.infer<typeof CaseSummary>;
