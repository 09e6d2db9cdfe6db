// What the browser remembers: the session for the tab (sessionStorage), the language for good (localStorage).
import type { Role, Session } from './api';
import { DEFAULT_LANG, isLang, type Lang } from './i18n';

const SESSION_KEY = 'saksflyt.session';
const LANG_KEY = 'saksflyt.lang';

const ROLES: readonly Role[] = ['caseworker', 'auditor', 'admin'];

function storage(kind: 'sessionStorage' | 'localStorage'): Storage | undefined {
  try {
    return globalThis[kind];
  } catch {
    // Storage can be switched off; the UI then forgets on reload.
    return undefined;
  }
}

/** A stored session, if it is well-formed and not expired. */
export function parseSession(text: string | null | undefined, now = Date.now()): Session | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Partial<Session>;
    if (
      typeof value.accessToken !== 'string' ||
      typeof value.username !== 'string' ||
      !ROLES.includes(value.role as Role) ||
      typeof value.expiresAt !== 'string'
    ) {
      return undefined;
    }
    const expires = Date.parse(value.expiresAt);
    if (!Number.isNaN(expires) && expires <= now) return undefined;
    return value as Session;
  } catch {
    return undefined;
  }
}

export function loadSession(): Session | undefined {
  return parseSession(storage('sessionStorage')?.getItem(SESSION_KEY));
}

export function saveSession(session: Session): void {
  try {
    storage('sessionStorage')?.setItem(SESSION_KEY, JSON.stringify(session));
  } catch {
    // Full or forbidden storage: the session lasts until reload.
  }
}

export function clearSession(): void {
  try {
    storage('sessionStorage')?.removeItem(SESSION_KEY);
  } catch {
    // Nothing stored.
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
