// The cases published policy versions listed for review (issue 16, point 6), where a caseworker starts the day and on
// the case itself. Nothing is reversed automatically: the work list names the cases, a caseworker decides.
import { useState } from 'preact/hooks';
import type { PolicyListing } from '../api';
import { canChangeCases, useApp } from '../context';
import { useAsync } from '../hooks';
import { formatDate } from '../oslo-time';
import {
  heldFirst,
  policyKindsText,
  reviewsForCase,
  versionsToReview,
  type ReviewedVersion,
} from '../policy';
import { caseHref, policyHref } from '../router';

/** Each version's cases shown at first; the rest on asking. */
export const REVIEW_PANEL_SHOWN = 20;

/** The held cases the panel asks for at most (one page of the case list): beyond it, a held case is not marked. */
const HELD_PAGE = 100;

/**
 * "Policy changes to review": each published version whose review list holds a case, newest first, with its cases
 * linked and why each is listed; the cases the reader holds first and marked. Nothing shows while the versions load,
 * when none lists a case, or when they cannot be read (the policy page says why).
 */
export function PolicyReviewPanel() {
  const { t, api, session } = useApp();
  const [listing] = useAsync(() => api.policy(), [api]);
  const toReview = listing.status === 'done' ? versionsToReview(listing.data.versions) : [];
  const asksHeld = toReview.length > 0 && canChangeCases(session);
  const [held] = useAsync(
    () =>
      asksHeld
        ? api
            .listCases({ assignedTo: 'me' }, undefined, HELD_PAGE)
            .then((page) => new Set(page.items.map((item) => item.dufNumber)))
        : Promise.resolve(new Set<string>()),
    [api, asksHeld],
  );
  if (toReview.length === 0) return null;
  const heldCases = held.status === 'done' ? held.data : new Set<string>();

  return (
    <section
      class="card policy-review-panel"
      aria-labelledby="policy-review-title"
      data-testid="policy-review-panel"
    >
      <h2 id="policy-review-title">{t.policy.reviewPanelTitle}</h2>
      <p class="muted">
        {t.policy.reviewPanelIntro}
        {heldCases.size > 0 && ` ${t.policy.reviewYoursHint}`}
      </p>
      {toReview.map((version) => (
        <ReviewedVersionItem key={version.version} version={version} held={heldCases} />
      ))}
    </section>
  );
}

function ReviewedVersionItem({ version, held }: { version: ReviewedVersion; held: ReadonlySet<string> }) {
  const { t } = useApp();
  const [all, setAll] = useState(false);
  const ordered = heldFirst(version.review, held);
  const shown = all ? ordered : ordered.slice(0, REVIEW_PANEL_SHOWN);
  const listId = `policy-review-cases-${version.version}`;
  return (
    <div
      class="policy-review policy-review-version"
      data-testid={`policy-review-version-${version.version}`}
      data-version={version.version}
      data-count={version.review.length}
    >
      <h3>
        <a href={policyHref(version.version)} data-testid="policy-review-version-link">
          {version.version}
        </a>{' '}
        <span class="muted small">({t.policy.reviewCaseCount(version.review.length)})</span>
      </h3>
      <p class="muted small" data-testid="policy-review-version-facts">
        {t.policy.reviewVersionFacts(
          formatDate(version.validFrom, t.locale),
          version.publishedBy ?? t.common.notGiven,
        )}
      </p>
      <ul id={listId}>
        {shown.map((entry) => (
          <li
            key={entry.dufNumber}
            data-testid={`policy-review-case-${entry.dufNumber}`}
            data-held={String(held.has(entry.dufNumber))}
          >
            <a href={caseHref(entry.dufNumber)} data-testid={`policy-review-link-${entry.dufNumber}`}>
              {entry.dufNumber}
            </a>
            {held.has(entry.dufNumber) && (
              <>
                {' '}
                <span class="badge tone-active" data-testid="policy-review-yours">
                  {t.policy.reviewYours}
                </span>
              </>
            )}
            {': '}
            <span data-testid="policy-review-kinds">{policyKindsText(t, entry.kinds)}</span>
          </li>
        ))}
      </ul>
      {version.review.length > REVIEW_PANEL_SHOWN && (
        <button
          type="button"
          class="link-button"
          aria-expanded={all}
          aria-controls={listId}
          data-testid="policy-review-show-all"
          onClick={() => setAll(!all)}
        >
          {all ? t.desk.showLess : `${t.desk.showAll} (${version.review.length})`}
        </button>
      )}
    </div>
  );
}

/**
 * On the case page: each published version that listed this case for review, with why, linked to the version on the
 * policy page. Not a banner (the page keeps its one banner for what became of a command): a standing note in the
 * case's facts. Nothing while the versions load, when none listed the case, or when they cannot be read.
 */
export function CaseReviewNote({ dufNumber }: { dufNumber: string }) {
  const { t, api } = useApp();
  const [listing] = useAsync<PolicyListing>(() => api.policy(), [api]);
  if (listing.status !== 'done') return null;
  const reviews = reviewsForCase(listing.data.versions, dufNumber);
  if (reviews.length === 0) return null;
  return (
    <div class="alert alert-info case-review-note" data-testid="case-policy-review">
      {reviews.map((review) => (
        <p
          key={review.version}
          data-testid={`case-policy-review-${review.version}`}
          data-version={review.version}
        >
          <strong>{t.policy.caseReviewNote(review.version, formatDate(review.validFrom, t.locale))}</strong>{' '}
          <span data-testid="case-policy-review-kinds">{policyKindsText(t, review.kinds)}</span>{' '}
          <a href={policyHref(review.version)} data-testid="case-policy-review-link">
            {t.policy.caseReviewLink(review.version)}
          </a>
        </p>
      ))}
      <p class="small">{t.policy.caseReviewDecide}</p>
    </div>
  );
}
