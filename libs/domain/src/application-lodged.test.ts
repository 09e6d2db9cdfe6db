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

  it.each(['912 34', 'ring meg', '+47 123', '+0 123'])('refuses %j, which is no phone number', (phone) => {
    const application = anApplication();
    const result = ApplicationLodged.safeParse({
      ...application,
      applicant: { ...application.applicant, contact: { phone } },
    });
    expect(result.error?.issues[0]?.path).toEqual(['applicant', 'contact', 'phone']);
    expect(result.error?.issues[0]?.message).toContain('phone number');
  });

  it.each([
    ['+47 912 34 567', '+4791234567'],
    ['912 34 567', '+4791234567'],
    ['0047 912 34 567', '+4791234567'],
    ['+4791234567', '+4791234567'],
  ])('stores the phone number %j as %j (E.164)', (phone, e164) => {
    const application = anApplication();
    const result = ApplicationLodged.parse({
      ...application,
      applicant: { ...application.applicant, contact: { phone } },
    });
    expect(result.applicant.contact.phone).toBe(e164);
  });
});
