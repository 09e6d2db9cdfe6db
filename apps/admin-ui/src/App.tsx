import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { z } from 'zod';
import { en as zodEnglish, no as zodNorwegian } from 'zod/locales';
import { Api, type Health, type Session } from './api';
import { AppContext, canChangeCases, type AppContextValue } from './context';
import { MESSAGES, roleLabel, type Lang, type Messages } from './i18n';
import { AuditPage } from './pages/AuditPage';
import { CaseListPage } from './pages/CaseList';
import { CasePage } from './pages/CasePage';
import { DashboardPage } from './pages/Dashboard';
import { MyCasesPage } from './pages/MyCases';
import { NewCasePage } from './pages/NewCase';
import { PolicyPage } from './pages/PolicyPage';
import { SignInPage } from './pages/SignIn';
import { TeamQueuesPage } from './pages/TeamQueues';
import { WorkloadPage } from './pages/Workload';
import { hrefOf, landingHash, parseHash, type Route } from './router';
import { loadLang, saveLang } from './storage';

type SignInReason = 'expired' | 'signedOut';

/** Every tab of this browser hears of a sign-out at once: they share the session cookie it ended. */
const SESSION_CHANNEL = 'saksflyt.session';

const HEALTH_EVERY_MS = 60_000;
const MAX_TIMEOUT_MS = 2_147_483_647;

/** Puts the language where the browser and zod read it: `<html lang>` and zod's error messages. */
export function applyLang(lang: Lang): void {
  document.documentElement.lang = lang;
  z.config(lang === 'nb' ? zodNorwegian() : zodEnglish());
}

export function App() {
  const [lang, setLang] = useState<Lang>(() => {
    const initial = loadLang();
    applyLang(initial);
    return initial;
  });
  const t = MESSAGES[lang];
  // Who is signed in comes from the API (the session cookie), so a link opened in a new tab is signed in too.
  const [session, setSession] = useState<Session | undefined>();
  const [checkingSession, setCheckingSession] = useState(true);
  const [signInReason, setSignInReason] = useState<SignInReason | undefined>();
  const [route, setRoute] = useState<Route>(() => parseHash(location.hash) ?? { name: 'dashboard' });
  const [announcement, setAnnouncement] = useState('');
  const [health, setHealth] = useState<Health | 'unreachable' | undefined>();
  const sessionRef = useRef(session);
  sessionRef.current = session;

  const channel = useMemo(
    () => (typeof BroadcastChannel === 'function' ? new BroadcastChannel(SESSION_CHANNEL) : undefined),
    [],
  );

  const endSession = (reason: SignInReason) => {
    setSession(undefined);
    setSignInReason(reason);
  };

  const signOut = async (reason: SignInReason) => {
    // The cookie is cleared before the page says so; a failed call leaves a cookie that ends with its token anyway.
    if (reason === 'signedOut') {
      await api.logout().catch(() => undefined);
      channel?.postMessage('signedOut');
    }
    endSession(reason);
  };

  const api = useMemo(
    () =>
      new Api({
        csrfToken: () => sessionRef.current?.csrfToken,
        onUnauthorized: () => void signOut('expired'),
      }),
    [],
  );

  /** Into the app as `next`: at the front page to the role's landing page; at a named page (a case link) stay there. */
  const enterSession = (next: Session) => {
    setSignInReason(undefined);
    setSession(next);
    const landing = landingHash(next.role, location.hash);
    if (landing) location.hash = landing;
  };

  // Opened without signing in (a new tab, a pasted link, a reload): the browser may be signed in already.
  useEffect(() => {
    let current = true;
    api
      .session()
      .then((found) => current && found && enterSession(found))
      .catch(() => undefined)
      .finally(() => current && setCheckingSession(false));
    return () => {
      current = false;
    };
  }, [api]);

  // Signed out in another tab: this one is signed out too (the cookie is gone), without waiting for a failed call.
  useEffect(() => {
    if (!channel) return undefined;
    channel.onmessage = () => {
      if (sessionRef.current) endSession('signedOut');
    };
    return () => channel.close();
  }, [channel]);

  // The language: <html lang>, zod's messages, remembered for next time; applied at once, before the re-render.
  const switchLang = (next: Lang) => {
    applyLang(next);
    saveLang(next);
    setLang(next);
  };

  // The route follows the hash; an in-page anchor (#main) is no route.
  useEffect(() => {
    const onHashChange = () => {
      const next = parseHash(location.hash);
      if (next) setRoute(next);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  // A new page puts the focus on its heading, so screen readers start there.
  const firstRoute = useRef(true);
  const routeKey = hrefOf(route);
  useEffect(() => {
    if (firstRoute.current) {
      firstRoute.current = false;
      return;
    }
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [routeKey]);

  // The session ends when its token does, before a request fails.
  useEffect(() => {
    if (!session) return undefined;
    const left = Date.parse(session.expiresAt) - Date.now();
    if (Number.isNaN(left)) return undefined;
    const timer = setTimeout(() => void signOut('expired'), Math.min(Math.max(left, 0), MAX_TIMEOUT_MS));
    return () => clearTimeout(timer);
  }, [session]);

  useEffect(() => {
    let stopped = false;
    const check = () =>
      api.health().then(
        (answer) => !stopped && setHealth(answer),
        () => !stopped && setHealth('unreachable'),
      );
    void check();
    const timer = setInterval(check, HEALTH_EVERY_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [api]);

  const announceTimer = useRef<ReturnType<typeof setTimeout>>();
  const announce = (text: string) => {
    // Empty first, so the same sentence twice is still read out.
    setAnnouncement('');
    clearTimeout(announceTimer.current);
    announceTimer.current = setTimeout(() => setAnnouncement(text), 50);
  };

  const onSignedIn = (next: Session) => {
    setAnnouncement('');
    enterSession(next);
  };

  const skipToMain = (event: Event) => {
    event.preventDefault();
    const main = document.getElementById('main');
    main?.focus();
    main?.scrollIntoView();
  };

  const otherLang: Lang = t.app.switchLanguageLang;
  const context: AppContextValue | null = session ? { lang, t, api, session, announce } : null;

  return (
    <>
      <a class="skip-link" href="#main" onClick={skipToMain}>
        {t.app.skipToContent}
      </a>
      <header class="site-header">
        <div class="header-inner">
          <a class="brand" href="#/">
            {t.app.name}
            <span class="tagline">{t.app.tagline}</span>
          </a>
          {session && <Nav t={t} route={route} session={session} />}
          <div class="header-tools">
            {session && (
              <span class="current-user" data-testid="current-user">
                {t.app.signedInAs(session.username, roleLabel(t, session.role))}
              </span>
            )}
            <button
              type="button"
              class="button small"
              data-testid="language-switch"
              lang={otherLang}
              aria-label={t.app.switchLanguageLabel}
              onClick={() => switchLang(otherLang)}
            >
              {t.app.switchLanguage}
            </button>
            {session && (
              <button
                type="button"
                class="button small"
                data-testid="sign-out"
                onClick={() => void signOut('signedOut')}
              >
                {t.app.signOut}
              </button>
            )}
          </div>
        </div>
      </header>
      <div class="live-region" role="status" aria-live="polite" aria-atomic="true" data-testid="live-region">
        {announcement}
      </div>
      <main id="main" tabIndex={-1}>
        {context ? (
          <AppContext.Provider value={context}>
            <Page route={route} t={t} />
          </AppContext.Provider>
        ) : checkingSession ? (
          <p class="muted" role="status" data-testid="checking-session">
            {t.app.checkingSession}
          </p>
        ) : (
          <SignInPage
            t={t}
            api={api}
            message={
              signInReason === 'expired'
                ? t.signIn.expired
                : signInReason === 'signedOut'
                  ? t.app.signedOut
                  : undefined
            }
            onSignedIn={onSignedIn}
          />
        )}
      </main>
      <footer class="site-footer">
        <p
          data-testid="health"
          data-healthy={health && health !== 'unreachable' ? String(health.healthy) : undefined}
        >
          {health === undefined
            ? t.app.healthChecking
            : health === 'unreachable'
              ? t.app.healthUnreachable
              : health.healthy
                ? t.app.healthOk
                : t.app.healthBad(health.temporal === 'down', health.worker === 'absent')}
        </p>
      </footer>
    </>
  );
}

function Nav({ t, route, session }: { t: Messages; route: Route; session: Session }) {
  const links: { href: string; label: string; active: boolean; testId: string }[] = [
    ...(canChangeCases(session)
      ? [{ href: '#/mine', label: t.app.myCases, active: route.name === 'mine', testId: 'nav-mine' }]
      : []),
    { href: '#/', label: t.app.dashboard, active: route.name === 'dashboard', testId: 'nav-dashboard' },
    { href: '#/queues', label: t.app.queues, active: route.name === 'queues', testId: 'nav-queues' },
    {
      href: '#/cases',
      label: t.app.cases,
      active: route.name === 'cases' || route.name === 'case' || route.name === 'audit',
      testId: 'nav-cases',
    },
    ...(canChangeCases(session)
      ? [{ href: '#/new', label: t.app.newCase, active: route.name === 'new', testId: 'nav-new' }]
      : []),
    { href: '#/policy', label: t.app.policy, active: route.name === 'policy', testId: 'nav-policy' },
    ...(session.role === 'admin'
      ? [
          {
            href: '#/workload',
            label: t.app.workload,
            active: route.name === 'workload',
            testId: 'nav-workload',
          },
        ]
      : []),
  ];
  return (
    <nav aria-label={t.app.navLabel}>
      <ul>
        {links.map((link) => (
          <li key={link.href}>
            <a href={link.href} data-testid={link.testId} aria-current={link.active ? 'page' : undefined}>
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Page({ route, t }: { route: Route; t: Messages }) {
  switch (route.name) {
    case 'dashboard':
      return <DashboardPage />;
    case 'cases':
      return <CaseListPage query={route.query} />;
    case 'case':
      return <CasePage key={route.dufNumber} dufNumber={route.dufNumber} />;
    case 'audit':
      return <AuditPage key={route.dufNumber} dufNumber={route.dufNumber} />;
    case 'new':
      return <NewCasePage />;
    case 'mine':
      return <MyCasesPage />;
    case 'queues':
      return <TeamQueuesPage team={route.team} />;
    case 'workload':
      return <WorkloadPage />;
    case 'policy':
      return <PolicyPage version={route.version} />;
    case 'notFound':
      return (
        <>
          <h1 tabIndex={-1}>{t.app.notFoundTitle}</h1>
          <p>{t.app.notFoundText}</p>
          <p>
            <a href="#/">{t.app.toDashboard}</a>
          </p>
        </>
      );
  }
}
