import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type Api, type Team } from './api';
import { apiErrorText } from './refusal-texts';
import type { Messages } from './i18n';

export type AsyncState<T> =
  { status: 'loading' } | { status: 'done'; data: T } | { status: 'error'; error: unknown };

/** Loads `load()` now and whenever `deps` change; answers that arrive after a newer load are dropped. */
export function useAsync<T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
): [AsyncState<T>, () => void, (data: T) => void] {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback(() => {
    const mine = ++generation.current;
    setState((previous) => (previous.status === 'done' ? previous : { status: 'loading' }));
    loadRef.current().then(
      (data) => {
        if (mine === generation.current) setState({ status: 'done', data });
      },
      (error: unknown) => {
        if (mine === generation.current) setState({ status: 'error', error });
      },
    );
  }, []);

  useEffect(() => {
    setState({ status: 'loading' });
    run();
    return () => {
      generation.current++;
    };
  }, deps);

  const set = useCallback((data: T) => {
    generation.current++;
    setState({ status: 'done', data });
  }, []);

  return [state, run, set];
}

/** A failed call as one sentence for the user. */
export function errorText(t: Messages, error: unknown): string {
  if (error instanceof ApiError) return apiErrorText(t, error);
  if (error instanceof TypeError) return t.common.unreachable;
  return t.common.error(error instanceof Error ? error.message : String(error));
}

/** Sets the document's title while the page shows. */
export function useTitle(title: string, appName: string): void {
  useEffect(() => {
    document.title = `${title} – ${appName}`;
  }, [title, appName]);
}

const teamsByApi = new WeakMap<Api, Promise<Team[]>>();

/**
 * The configured teams, loaded once per sign-in (they change only with the configuration); undefined while they load
 * or when the API cannot tell (an API from before work allocation): team ids then show as the built-in names.
 */
export function useTeams(api: Api): Team[] | undefined {
  const [teams, setTeams] = useState<Team[] | undefined>();
  useEffect(() => {
    let cached = teamsByApi.get(api);
    if (!cached) {
      cached = api.teams();
      teamsByApi.set(api, cached);
      // A failed load is tried again on the next page rather than remembered.
      cached.catch(() => teamsByApi.delete(api));
    }
    let current = true;
    cached.then(
      (loaded) => current && setTeams(loaded),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api]);
  return teams;
}
