import type { ApplicationLodged } from '../application-lodged';

/** A realistic application for tests: a single, childless adult from Kharkiv at a reception centre. */
export function anApplication(overrides: Partial<ApplicationLodged> = {}): ApplicationLodged {
  return {
    dufNumber: '202412345678',
    lodgedAt: '2026-11-02T09:30:00+01:00',
    applicant: {
      fullName: 'Olena Kovalenko',
      dateOfBirth: '1994-03-17',
      nationality: 'UKR',
      preferredLanguage: 'uk',
      maritalStatus: 'single',
      hasChildren: false,
      unaccompaniedMinor: false,
      homeOblast: 'Kharkiv',
      residence: { kind: 'reception-centre', centreName: 'Råde mottak' },
      contact: { phone: '+4791234567' },
    },
    staysInSafeCountries: [],
    ...overrides,
  };
}
