import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type ListedPolicyVersion, type PolicyImpact, type PolicyListing } from '../api';
import {
  describedByOf,
  Dl,
  ErrorMessage,
  Field,
  FieldError,
  FormErrors,
  Loading,
  Section,
  StatusBadge,
  useModalDialog,
} from '../components/common';
import { useApp } from '../context';
import { type Oblast, type PolicyDraft, UKRAINIAN_REGIONS } from '../domain';
import { errorText, useAsync, useTitle } from '../hooks';
import type { PolicyStage } from '../i18n';
import { formatDate, formatDateTime } from '../oslo-time';
import {
  checkDraft,
  draftInputsFrom,
  draftKey,
  type DraftField,
  type DraftInputs,
  type DraftIssues,
  issueCount,
  placeDraftIssues,
  policyEffectText,
  policyKindText,
  policyStages,
  withOblast,
} from '../policy';
import { caseHref } from '../router';

/** Review lists longer than this show their first cases until asked for all. */
const REVIEW_SHOWN = 50;

const STAGE_TONES: Record<PolicyStage, string> = {
  past: 'tone-ended',
  'in-force': 'tone-granted',
  future: 'tone-waiting',
};

/**
 * The policy versions (issue 16): the timeline of versions, built in and published, each published one with the cases
 * it listed for review; and a draft editor whose impact on the open cases every role may preview, and admins publish.
 */
export function PolicyPage({ version }: { version?: string }) {
  const { t, api } = useApp();
  useTitle(t.policy.title, t.app.name);
  const [listing, reload] = useAsync(() => api.policy(), [api]);

  return (
    <>
      <h1 tabIndex={-1}>{t.policy.title}</h1>
      <p class="muted">{t.policy.intro}</p>
      {listing.status === 'loading' && <Loading />}
      {listing.status === 'error' && (
        <ErrorMessage onRetry={reload}>{errorText(t, listing.error)}</ErrorMessage>
      )}
      {listing.status === 'done' && (
        <>
          <VersionTimeline listing={listing.data} focus={version} />
          <DraftEditor listing={listing.data} onPublished={reload} />
        </>
      )}
    </>
  );
}

function VersionTimeline({ listing, focus }: { listing: PolicyListing; focus?: string }) {
  const { t } = useApp();
  const stages = policyStages(listing.versions, listing.inForce);
  const list = useRef<HTMLOListElement>(null);

  // A case's link to the version its decision used: show that version.
  useEffect(() => {
    if (!focus) return;
    const item = [...(list.current?.children ?? [])].find(
      (element) => (element as HTMLElement).dataset.version === focus,
    ) as HTMLElement | undefined;
    item?.scrollIntoView({ block: 'center' });
  }, [focus]);

  return (
    <Section id="policy-versions-title" title={t.policy.timelineTitle} testId="policy-versions" wide>
      <p class="muted">{t.policy.timelineIntro}</p>
      <ol class="policy-versions" ref={list} data-testid="policy-timeline" data-in-force={listing.inForce}>
        {listing.versions.map((version, index) => (
          <VersionItem
            key={version.version}
            version={version}
            stage={stages[index] ?? 'past'}
            focused={version.version === focus}
          />
        ))}
      </ol>
    </Section>
  );
}

function VersionItem({
  version,
  stage,
  focused,
}: {
  version: ListedPolicyVersion;
  stage: PolicyStage;
  focused: boolean;
}) {
  const { t } = useApp();
  const oblasts = (list: readonly string[]) => (list.length === 0 ? t.common.none : list.join(', '));
  const published = version.publishedAt !== null;
  return (
    <li
      class={`policy-version stage-${stage}${focused ? ' focused' : ''}`}
      data-testid={`policy-version-${version.version}`}
      data-version={version.version}
      data-stage={stage}
      data-published={String(published)}
      aria-current={stage === 'in-force' ? 'true' : undefined}
    >
      <div class="policy-version-head">
        <h3>{version.version}</h3>
        <span class={`badge ${STAGE_TONES[stage]}`} data-testid="policy-stage">
          {t.policy.stage[stage]}
        </span>
        <span class="policy-valid-from">{t.policy.validFrom(formatDate(version.validFrom, t.locale))}</span>
      </div>
      <p class="muted policy-origin" data-testid="policy-origin">
        {version.publishedAt && version.publishedBy
          ? t.policy.publishedBy(version.publishedBy, formatDateTime(version.publishedAt, t.locale))
          : t.policy.builtIn}
      </p>
      <Dl
        entries={[
          // The source is the guideline's own title, quoted as given (often English): not a text of this UI.
          [t.policy.source, <cite>{version.source}</cite>, 'policy-source'],
          [t.policy.safeOblasts, oblasts(version.internalProtectionSafeOblasts), 'policy-safe'],
          [t.policy.excludedOblasts, oblasts(version.collectiveProtectionExcludedOblasts), 'policy-excluded'],
          [
            t.policy.departureDefault,
            t.policy.days(version.defaultDepartureDeadlineDays),
            'policy-departure',
          ],
        ]}
      />
      {published && <ReviewList review={version.review} />}
    </li>
  );
}

function ReviewList({ review }: { review: ListedPolicyVersion['review'] }) {
  const { t } = useApp();
  const [all, setAll] = useState(false);
  const shown = all ? review : review.slice(0, REVIEW_SHOWN);
  return (
    <div class="policy-review" data-testid="policy-review" data-count={review.length}>
      <h4>{t.policy.reviewTitle(review.length)}</h4>
      {review.length === 0 ? (
        <p class="muted">{t.policy.reviewEmpty}</p>
      ) : (
        <>
          <ul>
            {shown.map((entry) => (
              <li key={entry.dufNumber} data-testid={`review-${entry.dufNumber}`}>
                <a href={caseHref(entry.dufNumber)} data-testid={`review-link-${entry.dufNumber}`}>
                  {entry.dufNumber}
                </a>
                {': '}
                {entry.kinds.map((kind) => policyKindText(t, kind)).join('; ')}
              </li>
            ))}
          </ul>
          {review.length > REVIEW_SHOWN && (
            <button type="button" class="link-button" aria-expanded={all} onClick={() => setAll(!all)}>
              {all ? t.desk.showLess : t.desk.showAll}
            </button>
          )}
        </>
      )}
    </div>
  );
}

const NO_ISSUES: DraftIssues = { byField: {}, general: [] };

/** The impact of the draft with the key of the inputs it was found for: a changed draft makes it stale. */
interface FoundImpact {
  key: string;
  impact: PolicyImpact;
}

function DraftEditor({ listing, onPublished }: { listing: PolicyListing; onPublished: () => void }) {
  const { t, api, session, announce } = useApp();
  const inForce = listing.versions.find((version) => version.version === listing.inForce);
  const fresh = () =>
    draftInputsFrom(
      inForce ?? { internalProtectionSafeOblasts: [], collectiveProtectionExcludedOblasts: [] },
    );
  const [inputs, setInputs] = useState<DraftInputs>(fresh);
  const [issues, setIssues] = useState<DraftIssues>(NO_ISSUES);
  const [fromServer, setFromServer] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  const [found, setFound] = useState<FoundImpact | undefined>();
  const [busy, setBusy] = useState<'preview' | 'publish' | undefined>();
  const [asking, setAsking] = useState<{ draft: PolicyDraft; count: number } | undefined>();
  const [published, setPublished] = useState<string | undefined>();
  const formRef = useRef<HTMLFormElement>(null);
  const [focusToken, setFocusToken] = useState(0);
  const isAdmin = session.role === 'admin';
  const key = draftKey(inputs);

  // A form refused: the focus goes to the first field in error, or to the summary.
  useEffect(() => {
    if (focusToken === 0) return;
    const form = formRef.current;
    (
      form?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form?.querySelector<HTMLElement>('.form-errors')
    )?.focus();
  }, [focusToken]);

  const set = <K extends keyof DraftInputs>(field: K, value: DraftInputs[K]) => {
    setInputs((previous) => ({ ...previous, [field]: value }));
    setPublished(undefined);
  };

  const showIssues = (placed: DraftIssues, server: boolean) => {
    setIssues(placed);
    setFromServer(server);
    setFocusToken((token) => token + 1);
  };

  /** The draft checked here first; undefined (with its issues shown) if it cannot be sent. */
  const checked = (): PolicyDraft | undefined => {
    setFailure(undefined);
    setPublished(undefined);
    const result = checkDraft(t, inputs);
    if (!result.ok) {
      showIssues(result.issues, false);
      return undefined;
    }
    setIssues(NO_ISSUES);
    return result.draft;
  };

  const refused = (error: unknown) => {
    if (error instanceof ApiError && error.body.error === 'ValidationError' && error.issues.length > 0) {
      showIssues(placeDraftIssues(t, error.issues), true);
    } else {
      setFailure(errorText(t, error));
    }
  };

  /** The impact of the draft: the one found already if the draft has not changed since, else asked anew. */
  const impactOf = async (draft: PolicyDraft): Promise<PolicyImpact> => {
    if (found?.key === key) return found.impact;
    const impact = await api.policyImpact(draft);
    setFound({ key, impact });
    return impact;
  };

  const preview = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const draft = checked();
    if (!draft) return;
    setBusy('preview');
    try {
      setFound(undefined);
      const impact = await api.policyImpact(draft);
      setFound({ key, impact });
      announce(t.policy.impactCaption(impact.cases.length));
    } catch (error) {
      refused(error);
    } finally {
      setBusy(undefined);
    }
  };

  /** Publishing asks first, naming how many open cases the version touches: the impact is found first if need be. */
  const askToPublish = async () => {
    if (busy) return;
    const draft = checked();
    if (!draft) return;
    setBusy('publish');
    try {
      const impact = await impactOf(draft);
      setAsking({ draft, count: impact.cases.length });
    } catch (error) {
      refused(error);
    } finally {
      setBusy(undefined);
    }
  };

  const publish = async (draft: PolicyDraft) => {
    setAsking(undefined);
    setBusy('publish');
    try {
      const version = await api.publishPolicyVersion(draft);
      const said = t.policy.published(version.version);
      setPublished(said);
      announce(said);
      onPublished();
    } catch (error) {
      refused(error);
    } finally {
      setBusy(undefined);
    }
  };

  const reset = () => {
    setInputs(fresh());
    setIssues(NO_ISSUES);
    setFailure(undefined);
    setFound(undefined);
    setPublished(undefined);
  };

  const count = issueCount(issues);
  const errorOf = (field: DraftField) => issues.byField[field]?.join(' ');
  const textField = (
    field: 'version' | 'validFrom' | 'source' | 'defaultDepartureDeadlineDays',
    label: string,
    hint: string,
    attributes: Record<string, string | number> = {},
  ) => {
    const id = `policy-draft-${field}`;
    const error = errorOf(field);
    return (
      <Field id={id} label={label} hint={hint} error={error} errorTestId={`${id}-error`}>
        <input
          id={id}
          data-testid={id}
          value={inputs[field]}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedByOf(id, { hint: true, error })}
          onInput={(event) => set(field, event.currentTarget.value)}
          {...attributes}
        />
      </Field>
    );
  };

  return (
    <Section id="policy-draft-title" title={t.policy.draftTitle} testId="policy-draft" wide>
      <p class="muted">{t.policy.draftIntro(listing.inForce)}</p>
      <form
        ref={formRef}
        class="policy-draft-form"
        data-testid="policy-draft-form"
        noValidate
        onSubmit={(event) => void preview(event)}
      >
        <FormErrors count={count} fromServer={fromServer} general={issues.general} />
        <div class="policy-draft-fields">
          {textField('version', t.policy.draftVersion, t.policy.draftVersionHint, {
            type: 'text',
            maxLength: 100,
          })}
          {textField('validFrom', t.policy.draftValidFrom, t.policy.draftValidFromHint, { type: 'date' })}
          {textField(
            'defaultDepartureDeadlineDays',
            t.policy.draftDeparture,
            t.policy.draftDepartureHint(inForce?.defaultDepartureDeadlineDays ?? 21),
            { type: 'number', min: 7, max: 30, step: 1, inputMode: 'numeric' },
          )}
        </div>
        {textField('source', t.policy.draftSource, t.policy.draftSourceHint, {
          type: 'text',
          maxLength: 500,
        })}
        <OblastChoice
          field="internalProtectionSafeOblasts"
          legend={t.policy.safeOblasts}
          chosen={inputs.internalProtectionSafeOblasts}
          error={errorOf('internalProtectionSafeOblasts')}
          onChange={(oblasts) => set('internalProtectionSafeOblasts', oblasts)}
        />
        <OblastChoice
          field="collectiveProtectionExcludedOblasts"
          legend={t.policy.excludedOblasts}
          chosen={inputs.collectiveProtectionExcludedOblasts}
          error={errorOf('collectiveProtectionExcludedOblasts')}
          onChange={(oblasts) => set('collectiveProtectionExcludedOblasts', oblasts)}
        />
        <div class="form-actions">
          <button type="submit" class="button" data-testid="policy-preview" disabled={busy !== undefined}>
            {busy === 'preview' ? t.policy.previewing : t.policy.preview}
          </button>
          {isAdmin && (
            <button
              type="button"
              class="button primary"
              data-testid="policy-publish"
              disabled={busy !== undefined}
              onClick={() => void askToPublish()}
            >
              {busy === 'publish' ? t.policy.publishing : t.policy.publish}
            </button>
          )}
          <button type="button" class="link-button" data-testid="policy-draft-reset" onClick={reset}>
            {t.policy.resetDraft}
          </button>
        </div>
        {!isAdmin && (
          <p class="muted" data-testid="policy-publish-admins-only">
            {t.policy.publishAdminsOnly}
          </p>
        )}
      </form>
      {failure && (
        <div data-testid="policy-failure">
          <ErrorMessage>{failure}</ErrorMessage>
        </div>
      )}
      {published && (
        <p class="alert alert-info" role="status" data-testid="policy-published">
          {published}
        </p>
      )}
      {found && <ImpactView impact={found.impact} stale={found.key !== key} />}
      {asking && (
        <PublishDialog
          draft={asking.draft}
          count={asking.count}
          onAnswer={(go) => (go ? void publish(asking.draft) : setAsking(undefined))}
        />
      )}
    </Section>
  );
}

/** The Ukrainian regions to tick, for one of the draft's two lists. */
function OblastChoice({
  field,
  legend,
  chosen,
  error,
  onChange,
}: {
  field: 'internalProtectionSafeOblasts' | 'collectiveProtectionExcludedOblasts';
  legend: string;
  chosen: readonly Oblast[];
  error?: string;
  onChange: (oblasts: Oblast[]) => void;
}) {
  const { t } = useApp();
  const id = `policy-draft-${field}`;
  return (
    <fieldset
      class="fieldset oblast-choice"
      data-testid={id}
      aria-describedby={describedByOf(id, { hint: true, error })}
    >
      <legend>{legend}</legend>
      <p class="hint" id={`${id}-hint`} data-testid={`${id}-count`}>
        {t.policy.oblastCount(chosen.length, UKRAINIAN_REGIONS.length)}
      </p>
      <ul class="oblast-grid">
        {UKRAINIAN_REGIONS.map((oblast) => (
          <li key={oblast}>
            <label class="oblast-option">
              <input
                type="checkbox"
                value={oblast}
                data-oblast={oblast}
                checked={chosen.includes(oblast)}
                aria-invalid={error ? 'true' : undefined}
                onChange={(event) => onChange(withOblast(chosen, oblast, event.currentTarget.checked))}
              />{' '}
              {oblast}
            </label>
          </li>
        ))}
      </ul>
      <FieldError id={`${id}-error`} testId={`${id}-error`} message={error} />
    </fieldset>
  );
}

/** The open cases the draft would treat differently: each linked to its case, its status and each effect in words. */
function ImpactView({ impact, stale }: { impact: PolicyImpact; stale: boolean }) {
  const { t } = useApp();
  const count = impact.cases.length;
  return (
    <div class="policy-impact" data-testid="policy-impact" data-count={count} data-stale={String(stale)}>
      <h3>{t.policy.impactTitle}</h3>
      {stale && (
        <p class="alert alert-warning" data-testid="policy-impact-stale">
          {t.policy.impactStale}
        </p>
      )}
      <p data-testid="policy-impact-summary">
        {count === 0 ? t.policy.impactEmpty : t.policy.impactCaption(count)}
      </p>
      {count > 0 && (
        <div class="table-wrap">
          <table data-testid="policy-impact-table">
            <caption class="visually-hidden">{t.policy.impactCaption(count)}</caption>
            <thead>
              <tr>
                <th scope="col">{t.columns.duf}</th>
                <th scope="col">{t.columns.status}</th>
                <th scope="col">{t.policy.effectsColumn}</th>
              </tr>
            </thead>
            <tbody>
              {impact.cases.map((entry) => (
                <tr key={entry.dufNumber} data-testid={`impact-row-${entry.dufNumber}`}>
                  <th scope="row">
                    <a href={caseHref(entry.dufNumber)} data-testid={`impact-link-${entry.dufNumber}`}>
                      {entry.dufNumber}
                    </a>
                  </th>
                  <td>
                    <StatusBadge status={entry.status} />
                  </td>
                  <td>
                    <ul class="policy-effects">
                      {entry.effects.map((effect, index) => (
                        <li key={index} data-kind={effect.kind}>
                          {policyEffectText(t, effect)}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/**
 * Asks before a version is published, naming how many open cases it touches: a modal `<dialog>` (the focus on
 * Cancel; Escape cancels).
 */
function PublishDialog({
  draft,
  count,
  onAnswer,
}: {
  draft: PolicyDraft;
  count: number;
  onAnswer: (go: boolean) => void;
}) {
  const { t } = useApp();
  const dialog = useModalDialog(onAnswer);
  return (
    <dialog
      ref={dialog}
      class="confirm-dialog"
      data-testid="policy-confirm"
      aria-labelledby="policy-confirm-title"
      aria-describedby="policy-confirm-body"
    >
      <h2 id="policy-confirm-title">{t.policy.confirmTitle(draft.version)}</h2>
      <div id="policy-confirm-body">
        <p>
          <strong data-testid="policy-confirm-cases" data-count={count}>
            {t.policy.confirmCases(count)}
          </strong>
        </p>
        <p>{t.policy.confirmValidFrom(formatDate(draft.validFrom, t.locale))}</p>
        <p>{t.policy.confirmNote}</p>
      </div>
      <div class="dialog-buttons">
        <button
          type="button"
          class="button"
          data-testid="policy-confirm-cancel"
          autoFocus
          onClick={() => onAnswer(false)}
        >
          {t.policy.confirmCancel}
        </button>
        <button
          type="button"
          class="button danger"
          data-testid="policy-confirm-go"
          onClick={() => onAnswer(true)}
        >
          {t.policy.confirmGo}
        </button>
      </div>
    </dialog>
  );
}
