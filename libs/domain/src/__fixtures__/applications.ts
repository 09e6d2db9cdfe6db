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

/** The police registration most test cases start with: an international passport, handed in, no Eurodac hit. */
export function aPoliceRegistration(registeredAt = new Date().toISOString()) {
  return {
    registeredAt,
    policeDistrict: 'Øst',
    passport: { kind: 'international' as const, expiresOn: '2099-01-01', surrendered: true },
    eurodacHit: null,
  };
}

/** Collective protection granted: the shortest way to a closed case with a notice. */
export const COLLECTIVE_PROTECTION_GRANTED = {
  eligible: true,
  reason: 'resident of Ukraine before 24 February 2022',
} as const;
