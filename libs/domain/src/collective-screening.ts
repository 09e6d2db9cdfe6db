import type { ApplicationLodged } from './application-lodged';
import type { CollectiveScreening } from './case-state';
import { osloCalendarDate } from './deadlines';
import { policyInForce, type PolicyVersion, STANDARD_POLICY } from './policy';

/**
 * A recommendation, with reasons, on whether the applicant falls outside collective protection: a home area on
 * the exclusion list in force on the lodging date, or stays in other safe countries. The caseworker decides.
 */
export function collectiveScreening(
  application: ApplicationLodged,
  policy: readonly PolicyVersion[] = STANDARD_POLICY,
): CollectiveScreening {
  const inForce = policyInForce(osloCalendarDate(application.lodgedAt), policy);
  const reasons: CollectiveScreening['reasons'] = [];
  if (inForce.collectiveProtectionExcludedOblasts.includes(application.applicant.homeOblast)) {
    reasons.push('home-oblast-excluded');
  }
  if (application.staysInSafeCountries.length > 0) reasons.push('stayed-in-safe-country');
  return {
    recommendation: reasons.length > 0 ? 'individual' : 'collective',
    reasons,
    policyVersion: inForce.version,
  };
}
