// What the browser remembers for good (localStorage): the language and the team queue. The session is the API's
// HttpOnly cookie, which no script reads (App asks GET /api/auth/session).
import { DEFAULT_LANG, isLang, type Lang } from './i18n';

const LANG_KEY = 'saksflyt.lang';

function storage(kind: 'localStorage'): Storage | undefined {
  try {
    return globalThis[kind];
  } catch {
    // Storage can be switched off; the UI then forgets on reload.
    return undefined;
  }
}

export function loadLang(): Lang {
  try {
    const stored = storage('localStorage')?.getItem(LANG_KEY);
    return isLang(stored) ? stored : DEFAULT_LANG;
  } catch {
    return DEFAULT_LANG;
  }
}

export function saveLang(lang: Lang): void {
  try {
    storage('localStorage')?.setItem(LANG_KEY, lang);
  } catch {
    // The choice lasts until reload.
  }
}

const TEAM_KEY = 'saksflyt.team';

/** The team queue the user chose last, if any: the queue page opens on it. */
export function loadTeam(): string | undefined {
  try {
    return storage('localStorage')?.getItem(TEAM_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function saveTeam(team: string): void {
  try {
    storage('localStorage')?.setItem(TEAM_KEY, team);
  } catch {
    // The choice lasts until reload.
  }
}
