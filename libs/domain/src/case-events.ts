import { z } from 'zod';
import { Actor } from './actor';
import { ApplicationLodged, IsoDateTime } from './application-lodged';

const eventEnvelope = {
  seq: z.number().int().positive(),
  at: IsoDateTime,
  actor: Actor,
};

export const ApplicationLodgedEvent = z.object({
  ...eventEnvelope,
  type: z.literal('ApplicationLodged'),
  data: ApplicationLodged,
});

/** Every domain event of a case; the lifecycle issue adds one member per rule. */
export const CaseEvent = z.discriminatedUnion('type', [ApplicationLodgedEvent]);
export type CaseEvent = z.infer<typeof CaseEvent>;
