import { z } from 'zod';

/** Ukraine's 24 oblasts plus the three other first-level areas, by the English names the contract uses. */
export const UKRAINIAN_REGIONS = [
  'Cherkasy',
  'Chernihiv',
  'Chernivtsi',
  'Dnipropetrovsk',
  'Donetsk',
  'Ivano-Frankivsk',
  'Kharkiv',
  'Kherson',
  'Khmelnytskyi',
  'Kirovohrad',
  'Kyiv',
  'Luhansk',
  'Lviv',
  'Mykolaiv',
  'Odesa',
  'Poltava',
  'Rivne',
  'Sumy',
  'Ternopil',
  'Vinnytsia',
  'Volyn',
  'Zakarpattia',
  'Zaporizhzhia',
  'Zhytomyr',
  'Kyiv City',
  'Crimea',
  'Sevastopol',
] as const;

export const Oblast = z.enum(UKRAINIAN_REGIONS);
export type Oblast = z.infer<typeof Oblast>;
