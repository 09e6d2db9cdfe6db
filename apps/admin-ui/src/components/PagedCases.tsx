import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { CasePage, CaseSummary } from '../api';
import { useApp } from '../context';
import { errorText, useAsync } from '../hooks';
import { ErrorMessage, Loading } from './common';

/**
 * One page of a case list at a time, by the API's page tokens: "next page" follows the token, "first page" starts
 * again. `children` draws the page's cases; `empty` is said when the first page has none. Without a `title` (the
 * page's own heading already names the list) the heading starts at the page number.
 */
export function PagedCases({
  load,
  deps,
  title,
  titleId,
  testId,
  empty,
  showTotal = false,
  children,
}: {
  load: (pageToken: string | undefined) => Promise<CasePage>;
  deps: readonly unknown[];
  title?: string;
  titleId: string;
  testId: string;
  empty: string;
  /** Say how many cases the whole list holds ("12 saker"), and when a person search matched more than it shows. */
  showTotal?: boolean;
  children: (items: CaseSummary[], reload: () => void) => ComponentChildren;
}) {
  const { t } = useApp();
  // The tokens of the pages seen so far: the first page has none.
  const [tokens, setTokens] = useState<(string | undefined)[]>([undefined]);
  const page = tokens.length;
  const token = tokens[tokens.length - 1];
  const [state, reload] = useAsync(() => load(token), [...deps, token]);
  const pageText = t.caseList.page(page);
  const resultsText = state.status === 'done' ? ` · ${t.caseList.results(state.data.items.length)}` : '';
  const total = showTotal && state.status === 'done' ? state.data.total : undefined;

  return (
    <section aria-labelledby={titleId} class="results" data-testid={testId}>
      <h2 id={titleId}>
        {title === undefined ? (
          <>
            {pageText}
            {resultsText && <span class="muted">{resultsText}</span>}
          </>
        ) : (
          <>
            {title}
            <span class="muted">
              {' · '}
              {pageText}
              {resultsText}
            </span>
          </>
        )}
      </h2>
      {total !== undefined && (
        <p class="list-total" data-testid={`${testId}-total`}>
          <strong>{t.caseList.total(total)}</strong>
        </p>
      )}
      {showTotal && state.status === 'done' && state.data.complete === false && (
        <p class="hint" data-testid={`${testId}-incomplete`}>
          {t.caseList.personIncomplete}
        </p>
      )}
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage onRetry={reload}>{errorText(t, state.error)}</ErrorMessage>}
      {state.status === 'done' &&
        (state.data.items.length === 0 ? (
          <p data-testid={`${testId}-empty`}>{empty}</p>
        ) : (
          children(state.data.items, reload)
        ))}
      <div class="pager">
        {page > 1 && (
          <button
            type="button"
            class="button"
            data-testid="first-page"
            onClick={() => setTokens([undefined])}
          >
            {t.caseList.firstPage}
          </button>
        )}
        {state.status === 'done' && state.data.nextPageToken && (
          <button
            type="button"
            class="button"
            data-testid="next-page"
            onClick={() => setTokens([...tokens, state.data.nextPageToken ?? undefined])}
          >
            {t.caseList.nextPage}
          </button>
        )}
      </div>
    </section>
  );
}
