export { legalDeadline } from './legal-deadline';
export { dublinDeadline } from './dublin-deadline';
export type { LegalPeriod } from './legal-deadline';
export { endOfOsloDay, osloCalendarDate } from './oslo-time';
export { isNorwegianPublicHoliday, isWorkingDay } from './public-holidays';
export { NORWEGIAN_PUBLIC_HOLIDAYS } from './norwegian-public-holidays.generated';
