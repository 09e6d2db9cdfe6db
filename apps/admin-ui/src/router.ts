// Hash routes, so the API serves one index.html and needs no fallback route.
import type { Role } from './api';

export type Route =
  | { name: 'dashboard' }
  | { name: 'cases'; query: Record<string, string> }
  | { name: 'case'; dufNumber: string }
  | { name: 'audit'; dufNumber: string }
  | { name: 'new' }
  | { name: 'mine' }
  /** A team's queue; without a team, the one chosen last (or the first). */
  | { name: 'queues'; team?: string }
  | { name: 'workload' }
  /** The policy versions and the draft editor; `version`: the version to show first (a case's link to it). */
  | { name: 'policy'; version?: string }
  | { name: 'notFound'; path: string };

/** The route of a location hash; null for a hash that is no route (an in-page anchor such as `#main`). */
export function parseHash(hash: string): Route | null {
  if (hash === '' || hash === '#') return { name: 'dashboard' };
  if (!hash.startsWith('#/')) return null;
  const [rawPath = '', rawQuery = ''] = hash.slice(1).split('?', 2);
  const segments = rawPath
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => safeDecode(segment));
  if (segments.length === 0) return { name: 'dashboard' };
  if (segments[0] === 'cases' && segments.length === 1) {
    return { name: 'cases', query: Object.fromEntries(new URLSearchParams(rawQuery)) };
  }
  if (segments[0] === 'cases' && segments.length === 2 && segments[1]) {
    return { name: 'case', dufNumber: segments[1] };
  }
  if (segments[0] === 'cases' && segments.length === 3 && segments[1] && segments[2] === 'audit') {
    return { name: 'audit', dufNumber: segments[1] };
  }
  if (segments[0] === 'new' && segments.length === 1) return { name: 'new' };
  if (segments[0] === 'mine' && segments.length === 1) return { name: 'mine' };
  if (segments[0] === 'workload' && segments.length === 1) return { name: 'workload' };
  if (segments[0] === 'policy' && segments.length === 1) {
    const version = new URLSearchParams(rawQuery).get('version');
    return version ? { name: 'policy', version } : { name: 'policy' };
  }
  if (segments[0] === 'queues' && segments.length === 1) {
    const team = new URLSearchParams(rawQuery).get('team');
    return team ? { name: 'queues', team } : { name: 'queues' };
  }
  return { name: 'notFound', path: rawPath };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The href of a route. */
export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'dashboard':
      return '#/';
    case 'cases': {
      const query = new URLSearchParams(
        Object.entries(route.query).filter(([, value]) => value !== ''),
      ).toString();
      return query ? `#/cases?${query}` : '#/cases';
    }
    case 'case':
      return `#/cases/${encodeURIComponent(route.dufNumber)}`;
    case 'audit':
      return `#/cases/${encodeURIComponent(route.dufNumber)}/audit`;
    case 'new':
      return '#/new';
    case 'mine':
      return '#/mine';
    case 'queues':
      return route.team ? `#/queues?${new URLSearchParams({ team: route.team }).toString()}` : '#/queues';
    case 'workload':
      return '#/workload';
    case 'policy':
      return route.version
        ? `#/policy?${new URLSearchParams({ version: route.version }).toString()}`
        : '#/policy';
    case 'notFound':
      return `#${route.path}`;
  }
}

export const caseHref = (dufNumber: string): string => hrefOf({ name: 'case', dufNumber });

/** The policy page, at one version when named. */
export const policyHref = (version?: string): string =>
  hrefOf(version ? { name: 'policy', version } : { name: 'policy' });

export const auditHref = (dufNumber: string): string => hrefOf({ name: 'audit', dufNumber });

/** Where a role starts: a caseworker at their own cases, the others at the dashboard. */
export function landingRoute(role: Role): Route {
  return role === 'caseworker' ? { name: 'mine' } : { name: 'dashboard' };
}

/**
 * The hash to go to when a user signs in or opens the app signed in: their landing page if the address names no
 * page (an empty hash or the bare `#/`), else null (stay on the page the address names, e.g. a shared case link).
 */
export function landingHash(role: Role, currentHash: string): string | null {
  const bare = currentHash === '' || currentHash === '#' || currentHash === '#/';
  if (!bare) return null;
  const landing = hrefOf(landingRoute(role));
  return landing === '#/' ? null : landing;
}
