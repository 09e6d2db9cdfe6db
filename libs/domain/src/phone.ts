import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { z } from 'zod';
import { refusalText } from './refusals';

/** What the contract has always accepted as a phone number: E.164, `+` and up to 15 digits. */
const E164 = /^\+[1-9]\d{1,14}$/;

/** The region a number without a country code is read in: Norway, where the applicants live. */
export const DEFAULT_PHONE_REGION: CountryCode = 'NO';

/**
 * A phone number as people write it ("+47 912 34 567", "912 34 567", "0047 91234567") in E.164 ("+4791234567"),
 * read with libphonenumber-js (its small `min` metadata) and Norway as the region of a number without a country
 * code; `undefined` if it is no valid number. A value already in E.164 is kept as it is, so every number the
 * contract accepted before (and every recorded event) still reads the same.
 */
export function toE164(input: string, region: CountryCode = DEFAULT_PHONE_REGION): string | undefined {
  const trimmed = input.trim();
  if (E164.test(trimmed)) return trimmed;
  if (!/\d/.test(trimmed) || /[^\d\s+()./-]/.test(trimmed)) return undefined;
  const parsed = parsePhoneNumberFromString(trimmed, region);
  return parsed?.isValid() ? parsed.number : undefined;
}

export const PHONE_MESSAGE = refusalText('phoneNumber');

/**
 * A phone number, accepted as people write it and stored in E.164: the API, the CLI and the UI read it alike. The
 * JSON Schema (input) says a string of at most 40 characters; what is stored is always E.164.
 */
export const PhoneNumber = z
  .string()
  .max(40)
  .transform((value, context) => {
    const e164 = toE164(value);
    if (e164 === undefined) {
      context.addIssue({ code: 'custom', message: PHONE_MESSAGE, input: value });
      return z.NEVER;
    }
    return e164;
  })
  .meta({
    picker: 'phone',
    description:
      'A phone number as people write it (Norway if no country code); stored in E.164, e.g. "+4791234567".',
  });
