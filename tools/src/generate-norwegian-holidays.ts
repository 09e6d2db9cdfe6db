// Writes libs/domain/src/deadlines/norwegian-public-holidays.generated.ts.
//
// The deadline code runs inside Temporal's workflow sandbox, which must stay small and deterministic, so it cannot
// carry date-holidays (rules engine, time-zone data) at run time. Instead the maintained library computes the public
// holidays once, here, and the result is checked in as a plain table. A test in the domain library compares the
// table with the installed date-holidays, so upgrading the library without regenerating fails the build.
//
// Run from the repository root: node --import tsx tools/src/generate-norwegian-holidays.ts
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Holidays from 'date-holidays';

const FIRST_YEAR = 2020;
const LAST_YEAR = 2080;

const OUTPUT = path.resolve(
  __dirname,
  '../../libs/domain/src/deadlines/norwegian-public-holidays.generated.ts',
);

function installedVersion(): string {
  const manifest = JSON.parse(readFileSync(require.resolve('date-holidays/package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

function publicHolidays(): string[] {
  const holidays = new Holidays('NO');
  const dates = new Set<string>();
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    // Only 'public' days are "høytidsdager" under dl. § 149; Christmas Eve and New Year's Eve are 'bank' days,
    // ordinary working days for a time limit. Days like 17 May that coincide with Whit Monday appear twice.
    for (const holiday of holidays.getHolidays(year)) {
      if (holiday.type === 'public') dates.add(holiday.date.slice(0, 10));
    }
  }
  return [...dates].sort();
}

function render(version: string, dates: string[]): string {
  // Emitted already in the repository's prettier style, so regenerating never needs a formatting pass.
  return [
    '// GENERATED FILE, do not edit by hand.',
    `// Norwegian public holidays ("type: public") ${FIRST_YEAR}–${LAST_YEAR}, computed by date-holidays@${version}.`,
    '// Regenerate from the repository root: node --import tsx tools/src/generate-norwegian-holidays.ts',
    '',
    `export const NORWEGIAN_PUBLIC_HOLIDAYS_SOURCE = 'date-holidays@${version}';`,
    `export const NORWEGIAN_PUBLIC_HOLIDAYS_FIRST_YEAR = ${FIRST_YEAR};`,
    `export const NORWEGIAN_PUBLIC_HOLIDAYS_LAST_YEAR = ${LAST_YEAR};`,
    '',
    'export const NORWEGIAN_PUBLIC_HOLIDAY_DATES: readonly string[] = [',
    ...dates.map((date) => `  '${date}',`),
    '];',
    '',
    'export const NORWEGIAN_PUBLIC_HOLIDAYS: ReadonlySet<string> = new Set(NORWEGIAN_PUBLIC_HOLIDAY_DATES);',
    '',
  ].join('\n');
}

const version = installedVersion();
const dates = publicHolidays();
writeFileSync(OUTPUT, render(version, dates));
console.log(
  `Wrote ${dates.length} public holidays (date-holidays@${version}) to ${path.relative(process.cwd(), OUTPUT)}`,
);
