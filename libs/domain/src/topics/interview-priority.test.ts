import type { ApplicationLodged } from '../application-lodged';
import { interviewPriority } from './registration';
import { anApplication } from '../__fixtures__/applications';

function withApplicant(
  changes: Partial<ApplicationLodged['applicant']>,
  rest: Partial<ApplicationLodged> = {},
) {
  const application = anApplication(rest);
  return { ...application, applicant: { ...application.applicant, ...changes } };
}

describe('interview priority (seed: "single, childless adults who have not stayed in other safe countries")', () => {
  it('prioritises a single, childless adult who stayed in no other safe country', () => {
    expect(interviewPriority(anApplication())).toBe(true);
  });

  it('does not prioritise a married applicant', () => {
    expect(interviewPriority(withApplicant({ maritalStatus: 'married' }))).toBe(false);
  });

  it('counts divorced and widowed applicants as single (rule 11), as the first release did not', () => {
    for (const maritalStatus of ['divorced', 'widowed'] as const) {
      expect(interviewPriority(withApplicant({ maritalStatus }))).toBe(true);
      expect(interviewPriority(withApplicant({ maritalStatus }), 1)).toBe(false);
    }
  });

  it('does not prioritise a cohabiting applicant', () => {
    expect(interviewPriority(withApplicant({ maritalStatus: 'cohabiting' }))).toBe(false);
  });

  it('does not prioritise an applicant with children', () => {
    expect(interviewPriority(withApplicant({ hasChildren: true }))).toBe(false);
  });

  it('does not prioritise an applicant who stayed in another safe country', () => {
    expect(interviewPriority(anApplication({ staysInSafeCountries: ['PL'] }))).toBe(false);
  });

  it('does not prioritise a minor, judged on the lodging date', () => {
    expect(
      interviewPriority(withApplicant({ dateOfBirth: '2008-11-03' }, { lodgedAt: '2026-11-02T09:30:00Z' })),
    ).toBe(false);
    expect(
      interviewPriority(withApplicant({ dateOfBirth: '2008-11-02' }, { lodgedAt: '2026-11-02T09:30:00Z' })),
    ).toBe(true);
  });
});
