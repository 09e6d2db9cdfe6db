import type { ApplicationLodged } from './application-lodged';

const ADULT_AGE = 18;

function ageOn(dateOfBirth: string, on: string): number {
  const birth = new Date(`${dateOfBirth}T00:00:00Z`);
  const day = new Date(on);
  let age = day.getUTCFullYear() - birth.getUTCFullYear();
  const birthdayPassed =
    day.getUTCMonth() > birth.getUTCMonth() ||
    (day.getUTCMonth() === birth.getUTCMonth() && day.getUTCDate() >= birth.getUTCDate());
  if (!birthdayPassed) age -= 1;
  return age;
}

/**
 * The seed: "We start by interviewing single, childless adults who have not stayed in other safe countries."
 * Adulthood is judged on the lodging date, the moment UDI's queue is built from.
 */
export function interviewPriority(application: ApplicationLodged): boolean {
  const { applicant } = application;
  return (
    applicant.maritalStatus === 'single' &&
    !applicant.hasChildren &&
    !applicant.unaccompaniedMinor &&
    ageOn(applicant.dateOfBirth, application.lodgedAt) >= ADULT_AGE &&
    application.staysInSafeCountries.length === 0
  );
}
