import { z } from 'zod';

/** caseworker: reads, creates, sends commands; auditor: reads and audits, never changes a case; admin: all, and users. */
export const Role = z.enum(['caseworker', 'auditor', 'admin']);
export type Role = z.infer<typeof Role>;

export const Username = z
  .string()
  .trim()
  .regex(
    /^[a-z][a-z0-9._-]{1,63}$/,
    'a username is 2–64 lower-case letters, digits, dots, dashes or underscores',
  );

/** Long enough to resist guessing; no composition rules (NIST SP 800-63B). */
export const Password = z.string().min(12, 'a password has at least 12 characters').max(256);
