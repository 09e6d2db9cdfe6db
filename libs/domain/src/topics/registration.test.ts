import { anApplication } from '../__fixtures__/applications';
import { collectiveScreening } from './registration';

// Rule 11 of the second release: the collective-protection screening follows the exclusion grounds of the brief.

describe('the collective-protection screening', () => {
  it('does not take a stay in a safe country on the way as a ground by itself (domain brief § 1)', () => {
    expect(collectiveScreening(anApplication({ staysInSafeCountries: ['PL'] }))).toEqual({
      recommendation: 'collective',
      reasons: [],
      policyVersion: 'NO-UKR-2025-01-13',
    });
  });

  it('keeps the first release’s recommendation for its cases', () => {
    expect(
      collectiveScreening(anApplication({ staysInSafeCountries: ['PL'] }), undefined, 1).reasons,
    ).toEqual(['stayed-in-safe-country']);
  });

  it('recommends individual assessment for a non-Ukrainian national, who may hold only a residence permit there (brief § 1 (e))', () => {
    const application = anApplication();
    expect(
      collectiveScreening({ ...application, applicant: { ...application.applicant, nationality: 'BLR' } })
        .reasons,
    ).toEqual(['not-a-ukrainian-national']);
  });

  it('recommends individual assessment for a home area on the exclusion list in force on the lodging date', () => {
    const application = anApplication();
    expect(
      collectiveScreening({ ...application, applicant: { ...application.applicant, homeOblast: 'Lviv' } }),
    ).toMatchObject({ recommendation: 'individual', reasons: ['home-oblast-excluded'] });
  });
});
