import type { CaseEvent, CaseState, CommandName } from '../domain';
import { CommandPayloads } from '../domain';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import {
  CaseLoadFailure,
  DeadlineText,
  Dl,
  ErrorMessage,
  InternalNoteBadge,
  Loading,
  Section,
  StatusBadge,
  TrackBadge,
  useModalDialog,
  WorkItemBadges,
} from '../components/common';
import { Allocation, NoteForm } from '../components/Allocation';
import { SchemaForm, type SubmitOutcome } from '../components/SchemaForm';
import { SentMessages } from '../components/SentMessages';
import { CaseReviewNote } from '../components/PolicyReview';
import { canAudit, canChangeCases, useApp } from '../context';
import { describeEntries, formatValue, summarizeEvent } from '../format';
import { countryWithCode, languageName } from '../pickers';
import { errorText, useAsync, useTitle } from '../hooks';
import {
  commandLabel,
  eventLabel,
  fieldLabel,
  formHints,
  roleLabel,
  statusLabel,
  teamLabel,
  valueLabel,
  type Lang,
  type Messages,
} from '../i18n';
import { formatDateTime, formatDeadline, isoToOsloLocal } from '../oslo-time';
import { consequencesOf, isIrreversible, type Consequence } from '../irreversible-commands';
import { commandFieldsFor, commandNowFields, knownCommands } from '../payload-forms';
import { auditHref, policyHref } from '../router';
import { defaultValues } from '../schema-form';
import { holderToWarnAbout } from '../work';

/**
 * What the page last said about a command: done, or refused and why. One at a time: a new message, or another
 * command chosen, clears the one before.
 */
interface Banner {
  tone: 'done' | 'refused';
  text: string;
  detail?: string;
  /** Said after a refusal once the case was read again: where it stands now. */
  after?: string;
}

/** Commands with forms of their own (the allocation section, the note form) rather than a generated one. */
const OWN_FORMS: ReadonlySet<CommandName> = new Set<CommandName>(['assignCase', 'addNote']);

/** What the live region says once a command went through. */
function doneText(t: Messages, command: CommandName, next: CaseState, username: string): string {
  switch (command) {
    case 'assignCase':
      if (next.assignee === null) return t.work.announceReturned(teamLabel(t, next.team));
      return next.assignee === username ? t.work.announceTaken : t.work.announceHanded(next.assignee);
    case 'addNote':
      return t.work.noteAdded;
    default:
      return t.casePage.commandDone(commandLabel(t, command), statusLabel(t, next.status));
  }
}

export function CasePage({ dufNumber }: { dufNumber: string }) {
  const { t, api, session } = useApp();
  useTitle(t.casePage.title(dufNumber), t.app.name);
  const [caseState, reloadCase, setCase] = useAsync(() => api.getCase(dufNumber), [api, dufNumber]);
  const [events, reloadEvents] = useAsync(() => api.events(dufNumber), [api, dufNumber]);
  const [banner, setBanner] = useState<Banner | null>(null);
  const [chosen, setChosen] = useState<CommandName | null>(null);

  const choose = (command: CommandName | null) => {
    setBanner(null);
    setChosen(command);
  };

  const send = async (command: CommandName, payload: Record<string, unknown>): Promise<SubmitOutcome> => {
    try {
      const next = await api.sendCommand(dufNumber, command, payload);
      setCase(next);
      reloadEvents();
      setChosen(null);
      setBanner({ tone: 'done', text: doneText(t, command, next, session.username) });
      return undefined;
    } catch (error) {
      if (!(error instanceof ApiError)) {
        setBanner({ tone: 'refused', text: errorText(t, error) });
        return undefined;
      }
      switch (error.status) {
        case 400:
          // The form shows the issues by its fields; an earlier command's banner would only mislead.
          setBanner(null);
          return { issues: error.issues, message: errorText(t, error) };
        case 401:
          return undefined; // The app signs out and says why.
        case 409: {
          // The case moved under the user (another tab, a deadline, an outside system), or someone took it first
          // (the 409 names them): show what it is now.
          const heldBy = error.body.heldBy;
          const refused: Banner = {
            tone: 'refused',
            text: heldBy ? t.work.takenBy(heldBy) : t.casePage.moved,
            detail: errorText(t, error),
          };
          setBanner(refused);
          try {
            const fresh = await api.getCase(dufNumber);
            setCase(fresh);
            reloadEvents();
            setBanner({ ...refused, after: t.casePage.reloaded(statusLabel(t, fresh.status)) });
          } catch {
            reloadCase();
            reloadEvents();
          }
          return undefined;
        }
        case 403:
          setBanner({ tone: 'refused', text: t.casePage.forbidden, detail: errorText(t, error) });
          return undefined;
        case 404:
          setBanner({ tone: 'refused', text: t.casePage.gone, detail: errorText(t, error) });
          return undefined;
        default:
          setBanner({ tone: 'refused', text: errorText(t, error) });
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
          <Allocation state={caseState.data} onSend={send} />
          {banner && <BannerView banner={banner} />}
          <Actions state={caseState.data} chosen={chosen} onChoose={choose} onSend={send} />
          {canChangeCases(session) && caseState.data.allowedCommands.includes('addNote') && (
            <NoteForm key={caseState.data.lastEventSeq} onSend={send} />
          )}
          <SentMessages dufNumber={dufNumber} recordVersion={caseState.data.lastEventSeq} />
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
        {state.rulesVersion === 1 && (
          <span class="badge rules-v1" data-testid="case-rules-v1" title={t.casePage.rulesV1Hint}>
            {t.casePage.rulesV1Badge}
            <span class="visually-hidden">: {t.casePage.rulesV1Hint}</span>
          </span>
        )}
        <span class="muted case-updated">
          {t.casePage.updatedAt}: {formatDateTime(state.updatedAt, t.locale)}
        </span>
      </div>
      {state.workItems.length > 0 && (
        <div class="case-work" data-testid="case-work">
          <span class="muted">{t.casePage.workItemsLabel}:</span>{' '}
          <WorkItemBadges items={state.workItems} testId="case-work-items" />
        </div>
      )}
      {/* Not the page's one banner (that says what became of a command): a standing note among the case's facts. */}
      <CaseReviewNote dufNumber={state.dufNumber} />
      <div class="case-grid">
        <Section id="applicant-title" title={t.casePage.applicantTitle} testId="case-applicant">
          <Dl
            entries={[
              [fieldLabel(t, 'fullName'), applicant.fullName, 'fullName'],
              [fieldLabel(t, 'dufNumber'), state.dufNumber, 'dufNumber'],
              [fieldLabel(t, 'dateOfBirth'), formatValue(t, applicant.dateOfBirth), 'dateOfBirth'],
              [fieldLabel(t, 'nationality'), countryWithCode(applicant.nationality, t.lang), 'nationality'],
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
                state.application.staysInSafeCountries.length === 0
                  ? formatValue(t, state.application.staysInSafeCountries)
                  : state.application.staysInSafeCountries
                      .map((code) => countryWithCode(code, t.lang))
                      .join(', '),
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
              {fieldLabel(t, 'policyVersion')}:{' '}
              <PolicyVersionLink
                version={state.collectiveScreening.policyVersion}
                testId="screening-policy-version"
              />
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
                  <li key={reason}>{t.desk.workPermitReason[reason]}</li>
                ))}
              </ul>
            )}
            {state.workPermit.refusedFor && state.workPermit.refusedFor.length > 0 && (
              <p data-testid="work-permit-refused-for">
                {fieldLabel(t, 'refusedFor')}:{' '}
                {state.workPermit.refusedFor.map((reason) => t.desk.workPermitReason[reason]).join('; ')}
              </p>
            )}
          </Section>
        </div>
      </div>
      <AppealTrack state={state} />
      {(detailParts.length > 0 || state.leftNorwayAt || state.documents.length > 0) && (
        <Section id="details-title" title={t.casePage.detailsTitle} testId="case-details" wide>
          <div class="details-grid">
            {detailParts.map(([key, value]) => (
              <div key={key} data-testid={`details-${key}`}>
                <h3>{fieldLabel(t, key)}</h3>
                <Dl
                  entries={[
                    ...describeEntries(
                      t,
                      namedValues(key, value as Record<string, unknown>, t.lang),
                      key === 'decision' ? ['phoneCall', 'policyVersion'] : ['phoneCall'],
                    ).map(([label, text]) => [label, text] as [string, string]),
                    // The policy version the decision applied, linked to it on the policy page.
                    ...(key === 'decision' && state.decision
                      ? [
                          [
                            fieldLabel(t, 'policyVersion'),
                            <PolicyVersionLink
                              version={state.decision.policyVersion}
                              testId="decision-policy-version"
                            />,
                            'decision-policyVersion',
                          ] as Fact,
                        ]
                      : []),
                    ...(key === 'interview' && state.interview?.phoneCall
                      ? [phoneCallEntry(t, state.interview.phoneCall)]
                      : []),
                  ]}
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
              <div data-testid="details-documents" class="details-documents">
                <h3>{t.casePage.documentsTitle}</h3>
                <div class="table-wrap">
                  <table class="compact">
                    <caption class="visually-hidden">{t.casePage.documentsTitle}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{fieldLabel(t, 'kind')}</th>
                        <th scope="col">{fieldLabel(t, 'description')}</th>
                        <th scope="col">{fieldLabel(t, 'receivedBy')}</th>
                        <th scope="col">{fieldLabel(t, 'receivedAt')}</th>
                        <th scope="col">{t.casePage.forwarding}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {state.documents.map((document) => (
                        <tr
                          key={document.seq}
                          data-testid={`document-${document.seq}`}
                          data-forward={
                            !document.forwardTo ? 'none' : document.forwardedAt ? 'forwarded' : 'pending'
                          }
                        >
                          <td>{valueLabel(t, document.kind)}</td>
                          <td>{document.description}</td>
                          <td>{valueLabel(t, document.receivedBy)}</td>
                          <td>{formatDateTime(document.receivedAt, t.locale)}</td>
                          <td>
                            {!document.forwardTo ? (
                              t.common.none
                            ) : (
                              <>
                                {valueLabel(t, document.forwardTo)}:{' '}
                                {document.forwardedAt ? (
                                  t.casePage.forwardedAt(formatDateTime(document.forwardedAt, t.locale))
                                ) : (
                                  <strong>{t.casePage.forwardPending}</strong>
                                )}
                              </>
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            )}
          </div>
        </Section>
      )}
    </>
  );
}

type Fact = [label: string, content: ComponentChildren, key?: string];

/** A policy version a case applied, linked to it on the policy page. */
function PolicyVersionLink({ version, testId }: { version: string; testId: string }) {
  return (
    <a href={policyHref(version)} data-testid={testId} data-version={version}>
      {version}
    </a>
  );
}

/** A detail's codes in words: the interpreter language by its name in the UI's language. */
function namedValues(key: string, value: Record<string, unknown>, lang: Lang): Record<string, unknown> {
  if (key !== 'interview' || typeof value.interpreterLanguage !== 'string') return value;
  return { ...value, interpreterLanguage: languageName(value.interpreterLanguage, lang) };
}

/** UDI's call before an interview at a private address: when, whether the applicant was reached, a hotel night. */
function phoneCallEntry(
  t: Messages,
  call: NonNullable<NonNullable<CaseState['interview']>['phoneCall']>,
): Fact {
  return [
    fieldLabel(t, 'phoneCall'),
    <span data-reached={String(call.reached)}>
      {formatDateTime(call.calledAt, t.locale)} ·{' '}
      {call.reached ? t.casePage.phoneReached : t.casePage.phoneNotReached}
      {call.hotelNight && ` · ${fieldLabel(t, 'hotelNight')}`}
    </span>,
    'phone-call',
  ];
}

/** Where the applicant's request for suspensive effect stands (fvl. § 42). */
function suspensiveEffectOf(
  appeal: NonNullable<CaseState['appeal']>,
): 'not-requested' | 'waiting' | 'granted' | 'refused' {
  if (appeal.suspensiveEffect) return appeal.suspensiveEffect.granted ? 'granted' : 'refused';
  return appeal.requestsSuspensiveEffect ? 'waiting' : 'not-requested';
}

/**
 * The appealable decision and what followed it: when and how it was served (the appeal period runs from then), the
 * appeal, its suspensive effect and any late-appeal grounds, the lawyer assigned, the hand-over to UNE.
 */
function AppealTrack({ state }: { state: CaseState }) {
  const { t } = useApp();
  const { appealable, appeal, lawyer, handedToUneAt } = state;
  if (!appealable && !appeal && !lawyer && !handedToUneAt) return null;
  const when = (instant: string) => formatDateTime(instant, t.locale);
  const decisionFacts: Fact[] = appealable
    ? [
        [fieldLabel(t, 'appealable'), valueLabel(t, appealable.against), 'appealable-against'],
        [fieldLabel(t, 'decidedAt'), when(appealable.decidedAt), 'appealable-decidedAt'],
        [
          fieldLabel(t, 'served'),
          <span data-served={String(appealable.served !== undefined)}>
            {appealable.served
              ? `${when(appealable.served.servedAt)} · ${fieldLabel(t, 'via')}: ${valueLabel(t, appealable.served.via)}`
              : state.rulesVersion === 1
                ? t.common.notGiven
                : t.casePage.notServed}
          </span>,
          'served',
        ],
        ...(appealable.deadlineRanOutAt
          ? [
              [
                fieldLabel(t, 'deadlineRanOutAt'),
                when(appealable.deadlineRanOutAt),
                'deadlineRanOutAt',
              ] as Fact,
            ]
          : []),
      ]
    : [];
  const appealFacts: Fact[] = appeal
    ? [
        [fieldLabel(t, 'against'), valueLabel(t, appeal.against), 'appeal-against'],
        [fieldLabel(t, 'lodgedAt'), when(appeal.lodgedAt), 'appeal-lodgedAt'],
        [fieldLabel(t, 'registeredAt'), when(appeal.registeredAt), 'appeal-registeredAt'],
        [
          fieldLabel(t, 'suspensiveEffect'),
          <span data-state={suspensiveEffectOf(appeal)}>
            {t.casePage.suspensive[suspensiveEffectOf(appeal)]}
            {appeal.suspensiveEffect &&
              ` · ${when(appeal.suspensiveEffect.decidedAt)} · ${appeal.suspensiveEffect.grounds}`}
          </span>,
          'suspensive-effect',
        ],
        ...(appeal.lateAppealExcused
          ? [[fieldLabel(t, 'lateAppealExcused'), appeal.lateAppealExcused.grounds, 'late-appeal'] as Fact]
          : []),
        ...(appeal.reconsideration
          ? [
              [
                fieldLabel(t, 'reconsideration'),
                `${fieldLabel(t, 'reversed')}: ${formatValue(t, appeal.reconsideration.reversed)} · ${appeal.reconsideration.grounds}`,
                'reconsideration',
              ] as Fact,
            ]
          : []),
        ...(appeal.une
          ? [
              [
                fieldLabel(t, 'une'),
                `${valueLabel(t, appeal.une.outcome)} · ${when(appeal.une.decidedAt)}`,
                'une',
              ] as Fact,
            ]
          : []),
      ]
    : [];
  const recordFacts: Fact[] = [
    ...(lawyer
      ? [
          [
            fieldLabel(t, 'lawyer'),
            `${lawyer.name ?? t.casePage.lawyerUnnamed} · ${fieldLabel(t, 'assignedAt')}: ${when(lawyer.assignedAt)}`,
            'lawyer',
          ] as Fact,
        ]
      : []),
    ...(handedToUneAt
      ? [[fieldLabel(t, 'handedToUneAt'), when(handedToUneAt), 'handedToUneAt'] as Fact]
      : []),
    ...(state.policeEnforcing
      ? [[fieldLabel(t, 'policeEnforcing'), t.common.yes, 'policeEnforcing'] as Fact]
      : []),
  ];
  return (
    <Section id="appeal-track-title" title={t.casePage.appealTitle} testId="case-appeal-track" wide>
      <div class="details-grid">
        {decisionFacts.length > 0 && (
          <div data-testid="details-appealable">
            <h3>{fieldLabel(t, 'decision')}</h3>
            <Dl entries={decisionFacts} />
          </div>
        )}
        <div data-testid="details-appeal">
          <h3>{fieldLabel(t, 'appeal')}</h3>
          {appealFacts.length > 0 ? <Dl entries={appealFacts} /> : <p class="muted">{t.casePage.noAppeal}</p>}
        </div>
        {recordFacts.length > 0 && (
          <div data-testid="details-record">
            <h3>{t.casePage.recordTitle}</h3>
            <Dl entries={recordFacts} />
          </div>
        )}
      </div>
    </Section>
  );
}

function Actions({
  state,
  chosen,
  onChoose,
  onSend,
}: {
  state: CaseState;
  chosen: CommandName | null;
  onChoose: (command: CommandName | null) => void;
  onSend: (command: CommandName, payload: Record<string, unknown>) => Promise<SubmitOutcome>;
}) {
  const { t, session } = useApp();
  const [asking, setAsking] = useState<Question | null>(null);
  const commands = knownCommands(state.allowedCommands).filter((command) => !OWN_FORMS.has(command));
  const warnAbout = holderToWarnAbout(session, state.assignee);
  const notesOnly = state.closed && state.allowedCommands.includes('addNote');
  const open = chosen !== null && commands.includes(chosen) ? chosen : null;

  const confirm =
    (command: CommandName) =>
    (payload: Record<string, unknown>): Promise<boolean> =>
      isIrreversible(command)
        ? new Promise((answer) =>
            setAsking({
              command,
              consequences: consequencesOf(command, payload, state, new Date().toISOString()),
              answer: (yes) => {
                setAsking(null);
                answer(yes);
              },
            }),
          )
        : Promise.resolve(true);

  return (
    <Section id="actions-title" title={t.casePage.actionsTitle} testId="case-actions" wide>
      {warnAbout && commands.length > 0 && (
        // Allowed, yet someone else holds the case: said before the forms, not after a command went through.
        <div
          class="alert alert-warning held-warning"
          data-testid="held-by-other-warning"
          data-holder={warnAbout}
        >
          <p>
            <strong>{t.work.heldByOther(warnAbout)}</strong>
          </p>
          <p>{t.work.heldByOtherHint}</p>
        </div>
      )}
      {!canChangeCases(session) ? (
        <p class="muted" data-testid="no-actions-auditor">
          {t.casePage.auditorNoActions}
        </p>
      ) : commands.length === 0 ? (
        // A closed case still takes notes (its one allowed command), in the form below: said here, so the empty
        // actions read as the end of the case and not as a fault.
        <p class="muted" data-testid="no-actions" data-closed={notesOnly ? 'true' : undefined}>
          {notesOnly ? t.casePage.closedNoActions : t.casePage.noActions}
        </p>
      ) : (
        <>
          <p class="muted">{t.desk.commandsIntro}</p>
          <ul class="command-list" aria-label={t.desk.commandListLabel} data-testid="command-list">
            {commands.map((command) => (
              <li key={command}>
                <button
                  type="button"
                  class={`button command-choice${isIrreversible(command) ? ' irreversible' : ''}`}
                  data-testid={`command-choice-${command}`}
                  data-irreversible={String(isIrreversible(command))}
                  aria-expanded={open === command}
                  aria-controls={open === command ? `command-${command}-panel` : undefined}
                  onClick={() => onChoose(open === command ? null : command)}
                >
                  {commandLabel(t, command)}
                  {isIrreversible(command) && (
                    <span class="irreversible-mark"> · {t.desk.irreversibleMark}</span>
                  )}
                </button>
              </li>
            ))}
          </ul>
          {open && (
            <CommandPanel
              // A new state starts the form afresh, with the defaults of that moment.
              key={`${open}:${state.lastEventSeq}`}
              command={open}
              state={state}
              confirm={confirm(open)}
              onClose={() => onChoose(null)}
              onSend={onSend}
            />
          )}
        </>
      )}
      {asking && <ConfirmDialog question={asking} />}
    </Section>
  );
}

/** An irreversible command waiting for the user's yes or no, with what it would do. */
interface Question {
  command: CommandName;
  consequences: Consequence[];
  answer: (yes: boolean) => void;
}

/** The one command form open, its heading focused so that a keyboard or screen-reader user lands in it. */
function CommandPanel({
  command,
  state,
  confirm,
  onClose,
  onSend,
}: {
  command: CommandName;
  state: CaseState;
  confirm: (payload: Record<string, unknown>) => Promise<boolean>;
  onClose: () => void;
  onSend: (command: CommandName, payload: Record<string, unknown>) => Promise<SubmitOutcome>;
}) {
  const { t } = useApp();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const fields = commandFieldsFor(command, state);
  // To the second: a fact recorded "now" must not precede the event it follows, often of the same minute.
  const nowLocal = isoToOsloLocal(Date.now(), { seconds: true });
  return (
    <div class="command-panel" id={`command-${command}-panel`} data-testid={`command-panel-${command}`}>
      <SchemaForm
        id={`command-${command}`}
        testId={`command-form-${command}`}
        title={
          <h3 ref={heading} tabIndex={-1}>
            {commandLabel(t, command)}
          </h3>
        }
        schema={CommandPayloads[command]}
        fields={fields}
        initial={defaultValues(fields, { now: commandNowFields(command), nowLocal })}
        submitLabel={commandLabel(t, command)}
        withActor
        hints={formHints(t, command)}
        confirm={confirm}
        onSubmit={(payload) => onSend(command, payload)}
      />
      <button type="button" class="link-button" data-testid="command-close" onClick={onClose}>
        {t.desk.closeForm}
      </button>
    </div>
  );
}

/**
 * Asks before an irreversible command, naming what it would do: a modal `<dialog>` (the focus moves into it, on
 * Cancel; Escape cancels; the page behind is inert until it is answered).
 */
function ConfirmDialog({ question }: { question: Question }) {
  const { t } = useApp();
  const dialog = useModalDialog(question.answer);
  const label = commandLabel(t, question.command);
  return (
    <dialog
      ref={dialog}
      class="confirm-dialog"
      data-testid="confirm-dialog"
      data-command={question.command}
      aria-labelledby="confirm-title"
      aria-describedby="confirm-body"
    >
      <h2 id="confirm-title">{t.desk.confirmTitle(label)}</h2>
      <div id="confirm-body">
        <p>
          <strong>{t.desk.confirmIntro}</strong>
        </p>
        {question.consequences.length > 0 ? (
          <ul data-testid="confirm-consequences">
            {question.consequences.map((consequence) => (
              <li key={consequence.kind} data-kind={consequence.kind}>
                {consequenceText(t, consequence)}
              </li>
            ))}
          </ul>
        ) : (
          <p data-testid="confirm-unforeseen">{t.desk.confirmUnforeseen}</p>
        )}
      </div>
      <div class="dialog-buttons">
        <button
          type="button"
          class="button"
          data-testid="confirm-cancel"
          autoFocus
          onClick={() => question.answer(false)}
        >
          {t.desk.confirmCancel}
        </button>
        <button
          type="button"
          class="button danger"
          data-testid="confirm-go"
          onClick={() => question.answer(true)}
        >
          {t.desk.confirmGo(label)}
        </button>
      </div>
    </dialog>
  );
}

function consequenceText(t: Messages, consequence: Consequence): string {
  const said = t.desk.consequence;
  switch (consequence.kind) {
    case 'closes':
      return said.closes(statusLabel(t, consequence.status));
    case 'moves-to':
      return said.movesTo(statusLabel(t, consequence.status));
    case 'duty-to-leave':
      return said.dutyToLeave(consequence.days, formatDeadline(consequence.dueAt, t.locale));
    case 'appeal-from-service':
      return said.appealFromService;
    case 'duty-to-leave-unless-appealed':
      return said.dutyToLeaveUnlessAppealed(consequence.days);
    case 'appeal-until':
      return said.appealUntil(formatDeadline(consequence.dueAt, t.locale));
    case 'final':
      return said.final;
  }
}

function BannerView({ banner }: { banner: Banner }) {
  if (banner.tone === 'done') {
    return (
      <div class="alert alert-success" role="status" data-testid="command-done">
        <p>{banner.text}</p>
      </div>
    );
  }
  return (
    <div class="alert alert-warning" role="alert" data-testid="server-rejection">
      <p>
        <strong>{banner.text}</strong>
      </p>
      {banner.detail && <p data-testid="server-rejection-message">{banner.detail}</p>}
      {banner.after && <p>{banner.after}</p>}
    </div>
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
            <li
              key={event.seq}
              data-testid={`event-${event.seq}`}
              data-event-type={event.type}
              class={event.type === 'NoteAdded' ? 'internal-note' : undefined}
            >
              <div class="event-head">
                <span class="event-seq">#{event.seq}</span>
                <strong class="event-type">{eventLabel(t, event.type)}</strong>
                <time dateTime={event.at}>{formatDateTime(event.at, t.locale)}</time>
                {event.type === 'NoteAdded' && <InternalNoteBadge />}
              </div>
              <p class="event-actor">
                {event.actor.id} ({roleLabel(t, event.actor.role)})
              </p>
              {event.type === 'NoteAdded' ? (
                // The whole note, as written (line breaks kept); the summary would shorten it.
                <p class="note-text" data-testid={`note-${event.seq}`}>
                  {event.data.text}
                </p>
              ) : (
                <EventSummary event={event} />
              )}
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

/** An event's summary, cut at 240 characters with a toggle to read all of it (line breaks kept). */
function EventSummary({ event }: { event: CaseEvent }) {
  const { t } = useApp();
  const [whole, setWhole] = useState(false);
  const short = summarizeEvent(t, event);
  const all = summarizeEvent(t, event, { whole: true });
  const id = `event-${event.seq}-summary`;
  return (
    <>
      <p class="event-summary" id={id} data-testid={`event-summary-${event.seq}`}>
        {whole ? all : short}
      </p>
      {all !== short && (
        <button
          type="button"
          class="link-button"
          data-testid={`event-summary-toggle-${event.seq}`}
          aria-expanded={whole}
          aria-controls={id}
          onClick={() => setWhole(!whole)}
        >
          {whole ? t.desk.showLess : t.desk.showAll}
        </button>
      )}
    </>
  );
}
