import { z } from 'zod';
import { text } from './text';
import { refusalText } from './refusals';

/** Who issued a command. The HTTP API fills it from the signed-in user, never from the body. */
export const Actor = z.object({
  id: text(200),
  role: z.enum(['caseworker', 'admin', 'system']),
});
export type Actor = z.infer<typeof Actor>;

/** A UDI user's name at sign-in: also who holds a case (the `AssignedTo` search attribute). */
export const Username = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9._-]{1,63}$/, refusalText('username'));

export const SYSTEM_ACTOR: Actor = { id: 'saksflyt', role: 'system' };
