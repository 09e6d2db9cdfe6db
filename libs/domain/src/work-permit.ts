import type { CaseState, WorkPermitIneligibility } from './case-state';

/**
 * The seed: a temporary work permit needs the asylum interview held, a valid passport, and no answer yet; never
 * for a Dublin case or after a rejection. An internal passport ("Passport of the Citizen of Ukraine") does not do.
 */
export function workPermitEligibility(
  state: Pick<CaseState, 'interview' | 'passport' | 'decision' | 'track' | 'status'>,
  today: string,
): { eligible: boolean; reasons: WorkPermitIneligibility[] } {
  const reasons: WorkPermitIneligibility[] = [];
  if (state.interview?.outcome !== 'held') reasons.push('interview-not-held');
  if (state.passport.kind === 'internal') reasons.push('internal-passport-only');
  else if (state.passport.kind !== 'international' || (state.passport.expiresOn ?? '9999-12-31') < today) {
    reasons.push('no-valid-passport');
  }
  if (state.decision?.outcome === 'rejected' || state.status === 'rejected') reasons.push('rejected');
  else if (state.decision) reasons.push('decision-made');
  if (state.track === 'dublin') reasons.push('dublin-case');
  return { eligible: reasons.length === 0, reasons };
}
