// What the pickers of the generated forms offer and send: countries by name in the UI's language (sending the ISO
// 3166-1 code the schema wants), interpreter languages (sending an ISO 639 code), Norway's police districts (sending
// the district's name) and phone numbers read as people type them (sending E.164). A form field gets its picker
// from the domain schema's `picker` metadata, which zod writes into the JSON Schema the forms are made from.
import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import nb from 'i18n-iso-countries/langs/nb.json';
import { toE164 } from './domain';
import type { Lang } from './i18n';

// Only the UI's two languages: the library's other ~75 locales would add ~400 kB to the bundle.
countries.registerLocale(nb);
countries.registerLocale(en);

export type CountryPicker = 'country-alpha2' | 'country-alpha3';
export type Picker = CountryPicker | 'interpreter-language' | 'police-district' | 'phone';
const PICKERS: readonly string[] = [
  'country-alpha2',
  'country-alpha3',
  'interpreter-language',
  'police-district',
  'phone',
];
export const isPicker = (value: unknown): value is Picker =>
  typeof value === 'string' && PICKERS.includes(value);
export const isCountryPicker = (value: unknown): value is CountryPicker =>
  value === 'country-alpha2' || value === 'country-alpha3';

export interface PickerOption {
  /** What is sent. */
  value: string;
  /** What the user sees and may type. */
  label: string;
}

const collator = (lang: Lang) => new Intl.Collator(lang === 'nb' ? 'nb' : 'en');
const normalise = (text: string) => text.trim().toLocaleLowerCase('nb').replace(/\s+/g, ' ');

const countryOptionsCache = new Map<string, PickerOption[]>();

/** Every country by its name in `lang`, sorted as that language sorts, with the code `picker` sends. */
export function countryOptions(picker: CountryPicker, lang: Lang): PickerOption[] {
  const key = `${picker}:${lang}`;
  let options = countryOptionsCache.get(key);
  if (!options) {
    const names = countries.getNames(lang, { select: 'official' });
    const sort = collator(lang);
    options = Object.entries(names)
      .map(([alpha2, label]) => ({
        value: picker === 'country-alpha2' ? alpha2 : (countries.alpha2ToAlpha3(alpha2) ?? alpha2),
        label,
      }))
      .sort((a, b) => sort.compare(a.label, b.label));
    countryOptionsCache.set(key, options);
  }
  return options;
}

/**
 * The code of a country typed or chosen by name, in either language and in any case ("Ukraina", "ukraine"), or
 * given as a code ("UA", "ukr"); `undefined` if it names no country.
 */
export function countryCode(picker: CountryPicker, input: string): string | undefined {
  const text = input.trim();
  if (text === '') return undefined;
  const upper = text.toUpperCase();
  if (/^[A-Z]{2}$/.test(upper) && countries.isValid(upper)) {
    return picker === 'country-alpha2' ? upper : countries.alpha2ToAlpha3(upper);
  }
  if (/^[A-Z]{3}$/.test(upper) && countries.isValid(upper)) {
    return picker === 'country-alpha3' ? upper : countries.alpha3ToAlpha2(upper);
  }
  const wanted = normalise(text);
  for (const lang of ['nb', 'en'] as const) {
    for (const [alpha2, names] of Object.entries(countries.getNames(lang, { select: 'all' }))) {
      if (names.some((name) => normalise(name) === wanted)) {
        return picker === 'country-alpha2' ? alpha2 : countries.alpha2ToAlpha3(alpha2);
      }
    }
  }
  return undefined;
}

/** A country's name in `lang` for a code the schema stores (alpha-2 or alpha-3); the code itself if unknown. */
export function countryName(code: string, lang: Lang): string {
  return countries.getName(code, lang) ?? code;
}

/** A stored code as people read it: "Ukraina (UKR)"; an unknown code as it is. */
export function countryWithCode(code: string, lang: Lang): string {
  const name = countries.getName(code, lang);
  return name ? `${name} (${code})` : code;
}

/**
 * The countries of a list typed by name or code, separated by commas or semicolons ("Sverige, Danmark"; a name
 * with a comma in it, "Moldova, Republic of", is read whole). Each item is its code, or the text as typed if it
 * names no country, so the schema reports it.
 */
export function countryList(picker: CountryPicker, input: string): string[] {
  const parts = input
    .split(/[,;\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const codes: string[] = [];
  for (let at = 0; at < parts.length;) {
    let taken = 0;
    // The longest run of parts that is one name (English official names have at most two commas).
    for (let length = Math.min(3, parts.length - at); length >= 1 && taken === 0; length--) {
      const code = countryCode(picker, parts.slice(at, at + length).join(', '));
      if (code) {
        codes.push(code);
        taken = length;
      }
    }
    if (taken === 0) {
      codes.push(parts[at] ?? '');
      taken = 1;
    }
    at += taken;
  }
  return codes;
}

/**
 * The interpreter languages a caseworker books most, each stored as one canonical value: its ISO 639-1 code where
 * it has one, else its ISO 639-3 code (Dari, Kurmanji, Sorani, Tigre). Existing values in words stay readable.
 */
export const INTERPRETER_LANGUAGES: readonly { code: string; nb: string; en: string }[] = [
  { code: 'uk', nb: 'Ukrainsk', en: 'Ukrainian' },
  { code: 'ru', nb: 'Russisk', en: 'Russian' },
  { code: 'ar', nb: 'Arabisk', en: 'Arabic' },
  { code: 'ti', nb: 'Tigrinja', en: 'Tigrinya' },
  { code: 'so', nb: 'Somali', en: 'Somali' },
  { code: 'prs', nb: 'Dari', en: 'Dari' },
  { code: 'ps', nb: 'Pashto', en: 'Pashto' },
  { code: 'fa', nb: 'Farsi (persisk)', en: 'Farsi (Persian)' },
  { code: 'kmr', nb: 'Kurmanji (nordkurdisk)', en: 'Kurmanji (Northern Kurdish)' },
  { code: 'ckb', nb: 'Sorani (sentralkurdisk)', en: 'Sorani (Central Kurdish)' },
  { code: 'am', nb: 'Amharisk', en: 'Amharic' },
  { code: 'tr', nb: 'Tyrkisk', en: 'Turkish' },
  { code: 'ur', nb: 'Urdu', en: 'Urdu' },
  { code: 'en', nb: 'Engelsk', en: 'English' },
  { code: 'fr', nb: 'Fransk', en: 'French' },
  { code: 'es', nb: 'Spansk', en: 'Spanish' },
];

export function languageOptions(lang: Lang): PickerOption[] {
  const sort = collator(lang);
  return INTERPRETER_LANGUAGES.map((language) => ({ value: language.code, label: language[lang] })).sort(
    (a, b) => sort.compare(a.label, b.label),
  );
}

/**
 * The value stored for an interpreter language chosen or typed: the code of a listed language named in either
 * language or given by its code ("Ukrainsk", "ukrainian", "UK" → "uk"); any other language as typed ("other").
 */
export function languageValue(input: string): string {
  const wanted = normalise(input);
  const found = INTERPRETER_LANGUAGES.find(
    (language) =>
      language.code === wanted ||
      normalise(language.nb) === wanted ||
      normalise(language.en) === wanted ||
      normalise(language.nb.replace(/ \(.*\)$/, '')) === wanted ||
      normalise(language.en.replace(/ \(.*\)$/, '')) === wanted,
  );
  return found ? found.code : input.trim();
}

/** An interpreter language's name in `lang`, for a stored value; a value in words as it is. */
export function languageName(value: string, lang: Lang): string {
  return INTERPRETER_LANGUAGES.find((language) => language.code === value)?.[lang] ?? value;
}

/**
 * Norway's twelve police districts (since the police reform of 2017) and the National Police Immigration Service,
 * which registers asylum seekers; the value stored is the name.
 */
export const POLICE_DISTRICTS: readonly string[] = [
  'Oslo',
  'Øst',
  'Innlandet',
  'Sør-Øst',
  'Agder',
  'Sør-Vest',
  'Vest',
  'Møre og Romsdal',
  'Trøndelag',
  'Nordland',
  'Troms',
  'Finnmark',
  'Politiets utlendingsenhet (PU)',
];

/** What a phone number typed so far is sent as: E.164 if it reads as a valid number, else `undefined`. */
export const phoneE164 = (input: string): string | undefined => toE164(input);
