// Hash routes, so the API serves one index.html and needs no fallback route.

export type Route =
  | { name: 'dashboard' }
  | { name: 'cases'; query: Record<string, string> }
  | { name: 'case'; dufNumber: string }
  | { name: 'audit'; dufNumber: string }
  | { name: 'new' }
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
    case 'notFound':
      return `#${route.path}`;
  }
}

export const caseHref = (dufNumber: string): string => hrefOf({ name: 'case', dufNumber });

export const auditHref = (dufNumber: string): string => hrefOf({ name: 'audit', dufNumber });
