import { z } from 'zod';
import { refusalText } from '@saksflyt/domain';

/** caseworker: reads, creates, sends commands; auditor: reads and audits, never changes a case; admin: all, and users. */
export const Role = z.enum(['caseworker', 'auditor', 'admin']);
export type Role = z.infer<typeof Role>;

/** A username is the domain's: it is also who holds a case (the `AssignedTo` search attribute). */
export { Username } from '@saksflyt/domain';

/** bcrypt hashes the first 72 bytes of a password and silently ignores the rest. */
export const PASSWORD_MAX_BYTES = 72;

export const passwordTooLong = (password: string) => Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES;

/**
 * Long enough to resist guessing; no composition rules (NIST SP 800-63B). At most 72 bytes in UTF-8, because
 * bcrypt ignores what follows: a longer password would seem to count in full and not.
 */
export const Password = z
  .string()
  .min(12, refusalText('password'))
  .refine(
    (password) => !passwordTooLong(password),
    `a password has at most ${PASSWORD_MAX_BYTES} bytes in UTF-8 (72 plain letters, fewer with accents or other scripts): bcrypt ignores the rest`,
  );
