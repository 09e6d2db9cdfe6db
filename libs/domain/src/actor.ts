import { z } from 'zod';
import { text } from './text';

/** Who issued a command. The HTTP API fills it from the signed-in user, never from the body. */
export const Actor = z.object({
  id: text(200),
  role: z.enum(['caseworker', 'admin', 'system']),
});
export type Actor = z.infer<typeof Actor>;

export const SYSTEM_ACTOR: Actor = { id: 'saksflyt', role: 'system' };
