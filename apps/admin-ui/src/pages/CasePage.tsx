import type { CaseEvent, CaseState, CommandName } from '../domain';
import { CommandPayloads } from '../domain';
import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import {
  CaseLoadFailure,
  DeadlineText,
  Dl,
  ErrorMessage,
  Loading,
  Section,
  StatusBadge,
  TrackBadge,
} from '../components/common';
import { SchemaForm, type SubmitOutcome } from '../components/SchemaForm';
import { canAudit, canChangeCases, useApp } from '../context';
import { describeEntries, formatValue, summarizeEvent } from '../format';
import { errorText, useAsync, useTitle } from '../hooks';
import { commandLabel, eventLabel, fieldLabel, roleLabel, statusLabel, valueLabel } from '../i18n';
import { formatDateTime, isoToOsloLocal } from '../oslo-time';
import { commandFields, commandNowFields, knownCommands } from '../payload-forms';
import { auditHref } from '../router';
import { defaultValues } from '../schema-form';

interface Rejection {
  text: string;
  detail?: string;
}

export function CasePage({ dufNumber }: { dufNumber: string }) {
  const { t, api, announce, session } = useApp();
  useTitle(t.casePage.title(dufNumber), t.app.name);
  const [caseState, reloadCase, setCase] = useAsync(() => api.getCase(dufNumber), [api, dufNumber]);
  const [events, reloadEvents] = useAsync(() => api.events(dufNumber), [api, dufNumber]);
  const [rejection, setRejection] = useState<Rejection | null>(null);

  const send = async (command: CommandName, payload: Record<string, unknown>): Promise<SubmitOutcome> => {
    try {
      const next = await api.sendCommand(dufNumber, command, payload);
      setRejection(null);
      setCase(next);
      reloadEvents();
      announce(t.casePage.commandDone(commandLabel(t, command), statusLabel(t, next.status)));
      return undefined;
    } catch (error) {
      if (!(error instanceof ApiError)) {
        setRejection({ text: errorText(t, error) });
        return undefined;
      }
      switch (error.status) {
        case 400:
          return { issues: error.issues, message: error.body.message };
        case 401:
          return undefined; // The app signs out and says why.
        case 409: {
          // The case moved under the user (another tab, a deadline, an outside system): show what it is now.
          setRejection({ text: t.casePage.moved, detail: error.body.message });
          try {
            const fresh = await api.getCase(dufNumber);
            setCase(fresh);
            reloadEvents();
            announce(t.casePage.reloaded(statusLabel(t, fresh.status)));
          } catch {
            reloadCase();
            reloadEvents();
          }
          return undefined;
        }
        case 403:
          setRejection({ text: t.casePage.forbidden, detail: error.body.message });
          return undefined;
        case 404:
          setRejection({ text: t.casePage.gone, detail: error.body.message });
          return undefined;
        default:
          setRejection({ text: errorText(t, error) });
          return undefined;
      }
    }
  };

  return (
    <>
      <h1 tabIndex={-1}>{t.casePage.title(dufNumber)}</h1>
      {canAudit(session) && (
        // Shown whatever the case answers: a case Temporal has let go is a 404 here, yet its audit view reads the archive.
        <p class="page-tools">
          <a class="button small" href={auditHref(dufNumber)} data-testid="case-audit-link">
            {t.casePage.auditLink}
          </a>
        </p>
      )}
      {caseState.status === 'loading' && <Loading />}
      {caseState.status === 'error' && (
        <CaseLoadFailure
          error={caseState.error}
          notFound={t.casePage.notFound(dufNumber)}
          notFoundTestId="case-not-found"
          onRetry={reloadCase}
        />
      )}
      {caseState.status === 'done' && (
        <>
          <CaseOverview state={caseState.data} />
          <Actions state={caseState.data} rejection={rejection} onSend={send} />
          <Timeline
            dufNumber={dufNumber}
            events={events.status === 'done' ? events.data : undefined}
            error={events.status === 'error' ? events.error : undefined}
            onRetry={reloadEvents}
          />
        </>
      )}
    </>
  );
}

function CaseOverview({ state }: { state: CaseState }) {
  const { t } = useApp();
  const applicant = state.application.applicant;
  const residence = applicant.residence;
  const yesNo = (value: boolean) => (value ? t.common.yes : t.common.no);
  const detailParts = (
    [
      ['registration', state.registration],
      ['collectiveAssessment', state.collectiveAssessment],
      ['dublin', state.dublin],
      ['interview', state.interview],
      ['decision', state.decision],
      ['appeal', state.appeal],
      ['withdrawal', state.withdrawal],
      ['departure', state.departure],
    ] as const
  ).filter(([, value]) => value !== undefined);

  return (
    <>
      <div class="case-header" data-testid="case-header">
        <StatusBadge status={state.status} testId="case-status" />
        <TrackBadge track={state.track} testId="case-track" />
        {state.interviewPriority && (
          <span class="badge tone-alert-outline" data-testid="case-priority">
            {t.casePage.priorityBadge}
          </span>
        )}
        {state.closed && (
          <span class="badge tone-ended" data-testid="case-closed">
            {t.casePage.closedNote}
          </span>
        )}
        <span class="muted case-updated">
          {t.casePage.updatedAt}: {formatDateTime(state.updatedAt, t.locale)}
        </span>
      </div>
      <div class="case-grid">
        <Section id="applicant-title" title={t.casePage.applicantTitle} testId="case-applicant">
          <Dl
            entries={[
              [fieldLabel(t, 'fullName'), applicant.fullName, 'fullName'],
              [fieldLabel(t, 'dufNumber'), state.dufNumber, 'dufNumber'],
              [fieldLabel(t, 'dateOfBirth'), formatValue(t, applicant.dateOfBirth), 'dateOfBirth'],
              [fieldLabel(t, 'nationality'), applicant.nationality, 'nationality'],
              [
                fieldLabel(t, 'preferredLanguage'),
                valueLabel(t, applicant.preferredLanguage),
                'preferredLanguage',
              ],
              [fieldLabel(t, 'maritalStatus'), valueLabel(t, applicant.maritalStatus), 'maritalStatus'],
              [fieldLabel(t, 'hasChildren'), yesNo(applicant.hasChildren), 'hasChildren'],
              [
                fieldLabel(t, 'unaccompaniedMinor'),
                yesNo(applicant.unaccompaniedMinor),
                'unaccompaniedMinor',
              ],
              [fieldLabel(t, 'homeOblast'), applicant.homeOblast, 'homeOblast'],
              [
                fieldLabel(t, 'residence'),
                `${valueLabel(t, residence.kind)}: ${
                  residence.kind === 'reception-centre' ? residence.centreName : residence.address
                }`,
                'residence',
              ],
              [fieldLabel(t, 'phone'), applicant.contact.phone ?? t.common.notGiven, 'phone'],
              [fieldLabel(t, 'email'), applicant.contact.email ?? t.common.notGiven, 'email'],
              [fieldLabel(t, 'lodgedAt'), formatDateTime(state.lodgedAt, t.locale), 'lodgedAt'],
              [
                fieldLabel(t, 'staysInSafeCountries'),
                formatValue(t, state.application.staysInSafeCountries),
                'staysInSafeCountries',
              ],
            ]}
          />
        </Section>
        <div class="case-column">
          <Section id="screening-title" title={t.casePage.screeningTitle} testId="case-screening">
            <p>
              {fieldLabel(t, 'recommendation')}:{' '}
              <strong data-testid="screening-recommendation">
                {valueLabel(t, state.collectiveScreening.recommendation)}
              </strong>
            </p>
            {state.collectiveScreening.reasons.length === 0 ? (
              <p class="muted">{t.casePage.noReasons}</p>
            ) : (
              <ul data-testid="screening-reasons">
                {state.collectiveScreening.reasons.map((reason) => (
                  <li key={reason}>{valueLabel(t, reason)}</li>
                ))}
              </ul>
            )}
            <p class="muted small">
              {fieldLabel(t, 'policyVersion')}: {state.collectiveScreening.policyVersion}
            </p>
          </Section>
          <Section id="deadlines-title" title={t.casePage.deadlinesTitle} testId="case-deadlines">
            {state.deadlines.length === 0 ? (
              <p class="muted">{t.casePage.noDeadlines}</p>
            ) : (
              <table class="compact">
                <caption class="visually-hidden">{t.casePage.deadlinesTitle}</caption>
                <thead>
                  <tr>
                    <th scope="col">{fieldLabel(t, 'kind')}</th>
                    <th scope="col">
                      {fieldLabel(t, 'dueAt')} <span class="muted">({t.common.osloTimeHint})</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {[...state.deadlines]
                    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))
                    .map((deadline) => (
                      <tr key={deadline.kind} data-testid={`deadline-${deadline.kind}`}>
                        <th scope="row">{valueLabel(t, deadline.kind)}</th>
                        <td>
                          <DeadlineText dueAt={deadline.dueAt} />
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            )}
          </Section>
          <Section id="passport-title" title={t.casePage.passportTitle} testId="case-passport">
            <Dl
              entries={[
                [fieldLabel(t, 'kind'), valueLabel(t, state.passport.kind), 'passport-kind'],
                [fieldLabel(t, 'custody'), valueLabel(t, state.passport.custody), 'passport-custody'],
                ...(state.passport.number
                  ? [
                      [fieldLabel(t, 'number'), state.passport.number, 'passport-number'] as [
                        string,
                        string,
                        string,
                      ],
                    ]
                  : []),
                ...(state.passport.expiresOn
                  ? [
                      [
                        fieldLabel(t, 'expiresOn'),
                        formatValue(t, state.passport.expiresOn),
                        'passport-expiresOn',
                      ] as [string, string, string],
                    ]
                  : []),
              ]}
            />
          </Section>
          <Section id="work-permit-title" title={t.casePage.workPermitTitle} testId="case-work-permit">
            <p>
              <strong data-testid="work-permit-eligible" data-eligible={String(state.workPermit.eligible)}>
                {state.workPermit.eligible ? t.casePage.eligible : t.casePage.notEligible}
              </strong>
              {' · '}
              {fieldLabel(t, 'status')}: {valueLabel(t, state.workPermit.status)}
            </p>
            {state.workPermit.reasons.length > 0 && (
              <ul data-testid="work-permit-reasons">
                {state.workPermit.reasons.map((reason) => (
                  <li key={reason}>{valueLabel(t, reason)}</li>
                ))}
              </ul>
            )}
            {state.workPermit.refusedFor && state.workPermit.refusedFor.length > 0 && (
              <p>
                {fieldLabel(t, 'refusedFor')}: {formatValue(t, state.workPermit.refusedFor)}
              </p>
            )}
          </Section>
        </div>
      </div>
      {(detailParts.length > 0 || state.leftNorwayAt || state.documents.length > 0) && (
        <Section id="details-title" title={t.casePage.detailsTitle} testId="case-details" wide>
          <div class="details-grid">
            {detailParts.map(([key, value]) => (
              <div key={key} data-testid={`details-${key}`}>
                <h3>{fieldLabel(t, key)}</h3>
                <Dl
                  entries={describeEntries(t, value as Record<string, unknown>).map(
                    ([label, text]) => [label, text] as [string, string],
                  )}
                />
              </div>
            ))}
            {state.leftNorwayAt && (
              <div data-testid="details-leftNorwayAt">
                <h3>{fieldLabel(t, 'leftNorwayAt')}</h3>
                <p>{formatDateTime(state.leftNorwayAt, t.locale)}</p>
              </div>
            )}
            {state.documents.length > 0 && (
              <div data-testid="details-documents">
                <h3>{t.casePage.documentsTitle}</h3>
                <ul>
                  {state.documents.map((document, index) => (
                    <li key={index}>
                      {valueLabel(t, document.kind)} · {document.description} · {fieldLabel(t, 'receivedBy')}:{' '}
                      {valueLabel(t, document.receivedBy)} · {formatDateTime(document.receivedAt, t.locale)}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </div>
        </Section>
      )}
    </>
  );
}

function Actions({
  state,
  rejection,
  onSend,
}: {
  state: CaseState;
  rejection: Rejection | null;
  onSend: (command: CommandName, payload: Record<string, unknown>) => Promise<SubmitOutcome>;
}) {
  const { t, session } = useApp();
  const commands = knownCommands(state.allowedCommands);
  const nowLocal = isoToOsloLocal(Date.now());
  return (
    <Section id="actions-title" title={t.casePage.actionsTitle} testId="case-actions" wide>
      {rejection && (
        <div class="alert alert-warning" role="alert" data-testid="server-rejection">
          <p>
            <strong>{rejection.text}</strong>
          </p>
          {rejection.detail && <p data-testid="server-rejection-message">{rejection.detail}</p>}
        </div>
      )}
      {!canChangeCases(session) ? (
        <p class="muted" data-testid="no-actions-auditor">
          {t.casePage.auditorNoActions}
        </p>
      ) : commands.length === 0 ? (
        <p class="muted" data-testid="no-actions">
          {t.casePage.noActions}
        </p>
      ) : (
        <div class="command-forms">
          {commands.map((command) => {
            const fields = commandFields(command);
            return (
              <SchemaForm
                // A new state starts every form afresh, with the defaults of that moment.
                key={`${command}:${state.lastEventSeq}`}
                id={`command-${command}`}
                testId={`command-form-${command}`}
                title={<h3>{commandLabel(t, command)}</h3>}
                schema={CommandPayloads[command]}
                fields={fields}
                initial={defaultValues(fields, { now: commandNowFields(command), nowLocal })}
                submitLabel={commandLabel(t, command)}
                withActor
                onSubmit={(payload) => onSend(command, payload)}
              />
            );
          })}
        </div>
      )}
    </Section>
  );
}

function Timeline({
  dufNumber,
  events,
  error,
  onRetry,
}: {
  dufNumber: string;
  events: CaseEvent[] | undefined;
  error: unknown;
  onRetry: () => void;
}) {
  const { t, api } = useApp();
  const [asOf, setAsOf] = useState<{ seq: number; state?: CaseState; error?: unknown } | null>(null);

  const showAsOf = (seq: number) => {
    setAsOf({ seq });
    api.stateAsOf(dufNumber, seq).then(
      (state) => setAsOf((current) => (current?.seq === seq ? { seq, state } : current)),
      (failure: unknown) => setAsOf((current) => (current?.seq === seq ? { seq, error: failure } : current)),
    );
  };

  return (
    <Section id="timeline-title" title={t.casePage.timelineTitle} testId="case-timeline" wide>
      {asOf && (
        <div class="as-of" data-testid="state-as-of" role="region" aria-labelledby="as-of-title">
          <h3 id="as-of-title">{t.casePage.stateAfterTitle(asOf.seq)}</h3>
          {asOf.error !== undefined ? (
            <p role="alert">{errorText(t, asOf.error)}</p>
          ) : asOf.state ? (
            <div>
              <p>
                <StatusBadge status={asOf.state.status} testId="state-as-of-status" />{' '}
                <TrackBadge track={asOf.state.track} />
              </p>
              {asOf.state.deadlines.length > 0 && (
                <ul>
                  {asOf.state.deadlines.map((deadline) => (
                    <li key={deadline.kind}>
                      {valueLabel(t, deadline.kind)}: <DeadlineText dueAt={deadline.dueAt} />
                    </li>
                  ))}
                </ul>
              )}
              <p class="muted small">
                {fieldLabel(t, 'updatedAt')}: {formatDateTime(asOf.state.updatedAt, t.locale)}
              </p>
            </div>
          ) : (
            <Loading />
          )}
          <button type="button" class="button small" onClick={() => setAsOf(null)}>
            {t.common.close}
          </button>
        </div>
      )}
      {error !== undefined && <ErrorMessage onRetry={onRetry}>{errorText(t, error)}</ErrorMessage>}
      {events === undefined && error === undefined && <Loading />}
      {events !== undefined && events.length === 0 && <p class="muted">{t.casePage.timelineEmpty}</p>}
      {events !== undefined && (
        <ol class="timeline" data-testid="timeline">
          {events.map((event) => (
            <li key={event.seq} data-testid={`event-${event.seq}`} data-event-type={event.type}>
              <div class="event-head">
                <span class="event-seq">#{event.seq}</span>
                <strong class="event-type">{eventLabel(t, event.type)}</strong>
                <time dateTime={event.at}>{formatDateTime(event.at, t.locale)}</time>
              </div>
              <p class="event-actor">
                {event.actor.id} ({roleLabel(t, event.actor.role)})
              </p>
              <p class="event-summary">{summarizeEvent(t, event)}</p>
              <button type="button" class="link-button" onClick={() => showAsOf(event.seq)}>
                {t.casePage.showStateAfter(event.seq)}
              </button>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
