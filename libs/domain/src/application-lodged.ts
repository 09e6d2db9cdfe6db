import { z } from 'zod';
import { Oblast } from './oblasts';
import { PhoneNumber } from './phone';
import { text } from './text';
import { refusalText } from './refusals';

/** UDI's registration number: 12 digits, the first four the year of the first application. */
export const DufNumber = z.string().regex(/^\d{12}$/, refusalText('dufNumber'));
export type DufNumber = z.infer<typeof DufNumber>;

export const IsoDateTime = z.iso.datetime({ offset: true });
export const IsoDate = z.iso.date();
/** `picker` (in the JSON Schema too) tells a generated form to offer countries by name and send this code. */
export const CountryAlpha2 = z
  .string()
  .regex(/^[A-Z]{2}$/, refusalText('countryAlpha2'))
  .meta({ picker: 'country-alpha2' });
export const CountryAlpha3 = z
  .string()
  .regex(/^[A-Z]{3}$/, refusalText('countryAlpha3'))
  .meta({ picker: 'country-alpha3' });

export const PreferredLanguage = z.enum(['uk', 'ru', 'en', 'nb']);
export const MaritalStatus = z.enum(['single', 'married', 'cohabiting', 'divorced', 'widowed']);

export const Residence = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('reception-centre'), centreName: text(200) }),
  z.object({ kind: z.literal('private'), address: text(500) }),
]);
export type Residence = z.infer<typeof Residence>;

/**
 * zod's own e-mail pattern, with the limits of RFC 5321 and DNS that it leaves out (a local part of at most 64
 * characters; labels of at most 63 that neither start nor end with a hyphen), as common validators apply them.
 */
const EMAIL =
  /^(?!\.)(?!.*\.\.)[A-Za-z0-9_'+\-.]{0,63}[A-Za-z0-9_+-]@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

export const Contact = z.object({
  /** Accepted as people write it, stored in E.164. */
  phone: PhoneNumber.optional(),
  email: z
    .email({ pattern: EMAIL, error: refusalText('email') })
    .max(254)
    .optional(),
});
export type Contact = z.infer<typeof Contact>;

export const Applicant = z.object({
  fullName: text(300),
  dateOfBirth: IsoDate,
  nationality: CountryAlpha3,
  preferredLanguage: PreferredLanguage,
  maritalStatus: MaritalStatus,
  hasChildren: z.boolean(),
  unaccompaniedMinor: z.boolean(),
  homeOblast: Oblast,
  residence: Residence,
  contact: Contact,
});
export type Applicant = z.infer<typeof Applicant>;

/** The start input of a `protectionCase` workflow (contract §1). */
export const ApplicationLodged = z.object({
  dufNumber: DufNumber,
  lodgedAt: IsoDateTime,
  applicant: Applicant,
  staysInSafeCountries: z.array(CountryAlpha2).max(50),
});
export type ApplicationLodged = z.infer<typeof ApplicationLodged>;
