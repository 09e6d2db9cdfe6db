/**
 * A problem the person starting Saksflyt can fix: printed as one line (problem, then fix), never a stack trace.
 */
export class StartupError extends Error {
  constructor(
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${problem} — ${fix}`);
    this.name = 'StartupError';
  }
}
