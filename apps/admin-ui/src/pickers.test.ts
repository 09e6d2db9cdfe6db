import { describe, expect, it } from '@jest/globals';
import { ApplicationLodged, CommandPayloads } from './domain';
import { applicationFields, commandFields } from './payload-forms';
import {
  countryCode,
  countryList,
  countryName,
  countryOptions,
  countryWithCode,
  INTERPRETER_LANGUAGES,
  languageName,
  languageOptions,
  languageValue,
  phoneE164,
  POLICE_DISTRICTS,
} from './pickers';
import { buildValue, defaultValues, pickedValue, walkFields, type FieldSpec } from './schema-form';

const pickerOf = (fields: FieldSpec[], key: string) => {
  const field = walkFields(fields).find((candidate) => candidate.path.join('.') === key);
  return field && (field.kind === 'text' || field.kind === 'list') ? field.picker : undefined;
};

describe('country pickers', () => {
  it('names every country in the UI language, sorted as that language sorts', () => {
    const nb = countryOptions('country-alpha3', 'nb');
    const en = countryOptions('country-alpha3', 'en');
    expect(nb).toHaveLength(250);
    expect(nb).toContainEqual({ value: 'UKR', label: 'Ukraina' });
    expect(en).toContainEqual({ value: 'UKR', label: 'Ukraine' });
    expect(countryOptions('country-alpha2', 'nb')).toContainEqual({ value: 'SE', label: 'Sverige' });
    // Norwegian order puts Æ, Ø and Å last.
    expect(nb.at(-1)?.label).toBe('Åland');
    expect(nb.every((option) => /^[A-Z]{3}$/.test(option.value))).toBe(true);
  });

  it('reads a country by name in either language, in any case, or by code, as the code the schema wants', () => {
    expect(countryCode('country-alpha3', 'Ukraina')).toBe('UKR');
    expect(countryCode('country-alpha3', ' ukraine ')).toBe('UKR');
    expect(countryCode('country-alpha2', 'Ukraina')).toBe('UA');
    expect(countryCode('country-alpha3', 'ua')).toBe('UKR');
    expect(countryCode('country-alpha2', 'SWE')).toBe('SE');
    expect(countryCode('country-alpha2', 'Storbritannia')).toBe('GB');
    expect(countryCode('country-alpha2', 'Narnia')).toBeUndefined();
    expect(countryCode('country-alpha2', 'XX')).toBeUndefined();
    expect(countryCode('country-alpha2', '')).toBeUndefined();
  });

  it('reads a list of countries by name, a name with a comma in it whole, and leaves an unknown one for the schema', () => {
    expect(countryList('country-alpha2', 'Sverige, Danmark')).toEqual(['SE', 'DK']);
    expect(countryList('country-alpha2', 'SE; dk')).toEqual(['SE', 'DK']);
    expect(countryList('country-alpha2', 'Moldova, Republic of, Polen')).toEqual(['MD', 'PL']);
    expect(countryList('country-alpha2', 'Sverige, Narnia')).toEqual(['SE', 'Narnia']);
    expect(countryList('country-alpha2', ' ')).toEqual([]);
  });

  it('names a stored code', () => {
    expect(countryName('UKR', 'nb')).toBe('Ukraina');
    expect(countryName('SE', 'en')).toBe('Sweden');
    expect(countryName('ZZ', 'en')).toBe('ZZ');
    expect(countryWithCode('UKR', 'nb')).toBe('Ukraina (UKR)');
    expect(countryWithCode('ZZ', 'nb')).toBe('ZZ');
  });
});

describe('interpreter languages', () => {
  it('offers each language once, by its name in the UI language, stored as its ISO 639 code', () => {
    const codes = INTERPRETER_LANGUAGES.map((language) => language.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every((code) => /^[a-z]{2,3}$/.test(code))).toBe(true);
    expect(languageOptions('nb')).toContainEqual({ value: 'uk', label: 'Ukrainsk' });
    expect(languageOptions('en')).toContainEqual({ value: 'ti', label: 'Tigrinya' });
  });

  it('stores one value per language however it was typed, and any other language as typed', () => {
    for (const typed of ['Ukrainsk', 'ukrainsk', 'Ukrainian', 'UK', 'uk'])
      expect(languageValue(typed)).toBe('uk');
    expect(languageValue('Kurmanji')).toBe('kmr');
    expect(languageValue('Farsi (persisk)')).toBe('fa');
    expect(languageValue(' Lingala ')).toBe('Lingala');
    expect(languageName('prs', 'nb')).toBe('Dari');
    expect(languageName('Lingala', 'en')).toBe('Lingala');
  });
});

describe('police districts', () => {
  it("are Norway's twelve and the National Police Immigration Service, each accepted by the schema", () => {
    expect(POLICE_DISTRICTS).toHaveLength(13);
    expect(POLICE_DISTRICTS).toContain('Politiets utlendingsenhet (PU)');
    const schema = CommandPayloads.registerWithPolice.shape.policeDistrict;
    for (const district of POLICE_DISTRICTS) expect(schema.safeParse(district).success).toBe(true);
  });
});

describe('phone numbers', () => {
  it('reads a number as people type it, Norway by default, as E.164', () => {
    expect(phoneE164('+47 912 34 567')).toBe('+4791234567');
    expect(phoneE164('912 34 567')).toBe('+4791234567');
    expect(phoneE164('912 34')).toBeUndefined();
    expect(phoneE164('ring meg')).toBeUndefined();
  });
});

describe('the generated forms', () => {
  it("choose each field's picker from the domain schema's metadata", () => {
    const application = applicationFields();
    expect(pickerOf(application, 'applicant.nationality')).toBe('country-alpha3');
    expect(pickerOf(application, 'staysInSafeCountries')).toBe('country-alpha2');
    expect(pickerOf(application, 'applicant.contact.phone')).toBe('phone');
    expect(pickerOf(commandFields('registerWithPolice'), 'policeDistrict')).toBe('police-district');
    expect(pickerOf(commandFields('registerDublinCase'), 'responsibleState')).toBe('country-alpha2');
    expect(pickerOf(commandFields('inviteToInterview'), 'interpreterLanguage')).toBe('interpreter-language');
    expect(pickerOf(commandFields('decide'), 'returnCountry')).toBe('country-alpha2');
  });

  it('send the codes and E.164 that the schema wants, from names and a number as people write it', () => {
    const fields = applicationFields();
    const value = buildValue(fields, {
      ...defaultValues(fields),
      dufNumber: '202500000001',
      lodgedAt: '2025-01-10T10:00',
      'applicant.fullName': 'Olena Kovalenko',
      'applicant.dateOfBirth': '1990-04-02',
      'applicant.nationality': 'Ukraina',
      'applicant.preferredLanguage': 'uk',
      'applicant.maritalStatus': 'single',
      'applicant.homeOblast': 'Kharkiv',
      'applicant.residence.kind': 'private',
      'applicant.residence.address': 'Storgata 1, Oslo',
      'applicant.contact.phone': '+47 912 34 567',
      staysInSafeCountries: 'Sverige, Denmark',
    });
    expect(value).toMatchObject({
      applicant: { nationality: 'UKR', contact: { phone: '+4791234567' } },
      staysInSafeCountries: ['SE', 'DK'],
    });
    expect(ApplicationLodged.safeParse(value).success).toBe(true);
  });

  it('send what reads as nothing known as typed, so the schema refuses it next to its field', () => {
    expect(pickedValue('country-alpha3', 'Narnia')).toBe('Narnia');
    expect(pickedValue('phone', '912 34')).toBe('912 34');
    expect(pickedValue('police-district', 'Øst')).toBe('Øst');
    expect(pickedValue('interpreter-language', 'Tigrinja')).toBe('ti');
  });
});
