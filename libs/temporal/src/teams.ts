import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { ROUTED_TEAMS, type RoutedTeam, TeamId } from '@saksflyt/domain';

/** A team of caseworkers as configured: its id (the `Team` search attribute) and its name in both UI languages. */
export const TeamConfig = z
  .object({
    id: TeamId,
    name: z
      .object({
        nb: z.string().trim().min(1).max(80),
        en: z.string().trim().min(1).max(80),
      })
      .strict(),
  })
  .strict();
export type TeamConfig = z.infer<typeof TeamConfig>;

/** The teams when `SAKSFLYT_TEAMS` is unset: exactly the ones a case's status routes it to. */
export const DEFAULT_TEAMS: readonly TeamConfig[] = [
  { id: 'registration', name: { nb: 'Registrering', en: 'Registration' } },
  { id: 'dublin-unit', name: { nb: 'Dublin-enheten', en: 'Dublin unit' } },
  { id: 'interviews-oslo', name: { nb: 'Intervju Oslo', en: 'Interviews Oslo' } },
  { id: 'interviews-trondheim', name: { nb: 'Intervju Trondheim', en: 'Interviews Trondheim' } },
  { id: 'decisions', name: { nb: 'Vedtak', en: 'Decisions' } },
  { id: 'appeals', name: { nb: 'Klage', en: 'Appeals' } },
] satisfies (TeamConfig & { id: RoutedTeam })[];

export const isRoutedTeam = (id: string): id is RoutedTeam =>
  (ROUTED_TEAMS as readonly string[]).includes(id);

/**
 * The team list: unique ids, and every team a case's status routes it to (`teamFor`), since the workflow moves
 * cases into those queues whatever the configuration says. Teams beyond them are queues cases are assigned to by
 * hand (`assignCase` with `team`).
 */
export const TeamList = z
  .array(TeamConfig)
  .min(1, 'must list at least the teams cases are routed to')
  .superRefine((teams, ctx) => {
    const seen = new Set<string>();
    for (const [index, team] of teams.entries()) {
      if (seen.has(team.id))
        ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `lists team "${team.id}" twice` });
      seen.add(team.id);
    }
    const missing = ROUTED_TEAMS.filter((id) => !seen.has(id));
    if (missing.length > 0)
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `must list every team cases are routed to; missing: ${missing.join(', ')}`,
      });
  });

/**
 * `SAKSFLYT_TEAMS` as given: a JSON list (it starts with `[`), or the path of a JSON file holding one. The text is
 * parsed here so that a syntax error, a missing file and a bad team all name the variable at start.
 */
export const TeamsSetting = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const inline = value.startsWith('[');
    if (!inline && !existsSync(value)) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be a JSON list of teams or the path of a JSON file of one',
      });
      return z.NEVER;
    }
    const text = inline ? value : readFileSync(value, 'utf8');
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: `must be valid JSON${inline ? '' : ` (in ${value})`}: ${(error as Error).message}`,
      });
      return z.NEVER;
    }
  })
  .pipe(TeamList);
