import { ApplicationLodged } from './application-lodged';
import { anApplication } from './__fixtures__/applications';

describe('ApplicationLodged', () => {
  it('accepts a complete application as the contract describes it', () => {
    expect(ApplicationLodged.safeParse(anApplication()).success).toBe(true);
  });

  it.each([
    ['a DUF number that is not 12 digits', { dufNumber: '2024123' }, 'dufNumber'],
    ['a lodging time that is not ISO-8601', { lodgedAt: 'yesterday' }, 'lodgedAt'],
    ['a safe country that is not alpha-2', { staysInSafeCountries: ['SWE'] }, 'staysInSafeCountries'],
  ])('refuses %s and names the field', (_label, overrides, field) => {
    const result = ApplicationLodged.safeParse({ ...anApplication(), ...overrides });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0]).toBe(field);
  });

  it('refuses a home oblast that is not a region of Ukraine', () => {
    const application = anApplication();
    const result = ApplicationLodged.safeParse({
      ...application,
      applicant: { ...application.applicant, homeOblast: 'Narnia' },
    });
    expect(result.error?.issues[0]?.path).toEqual(['applicant', 'homeOblast']);
  });

  it('refuses a phone number that is not E.164', () => {
    const application = anApplication();
    const result = ApplicationLodged.safeParse({
      ...application,
      applicant: { ...application.applicant, contact: { phone: '912 34 567' } },
    });
    expect(result.error?.issues[0]?.path).toEqual(['applicant', 'contact', 'phone']);
  });
});
