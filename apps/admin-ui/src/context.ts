import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api, Session } from './api';
import type { Lang, Messages } from './i18n';

export interface AppContextValue {
  lang: Lang;
  t: Messages;
  api: Api;
  session: Session;
  /** Says something in the aria-live region (and shows it). */
  announce: (text: string) => void;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside the signed-in app');
  return value;
}

/** Whether the role may change cases (create them, send commands). */
export const canChangeCases = (session: Session): boolean => session.role !== 'auditor';

/** Whether the role may open a case's audit view (the timeline replayed, diffs, replay against today's code, export). */
export const canAudit = (session: Session): boolean => session.role === 'auditor' || session.role === 'admin';
