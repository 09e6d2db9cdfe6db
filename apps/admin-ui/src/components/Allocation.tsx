// Who holds a case and its team, with Take / Hand to… / Return to queue; and the form for an internal note.
import { useState } from 'preact/hooks';
import type { CaseState, CommandName } from '../domain';
import type { Issue } from '../api';
import { canChangeCases, useApp } from '../context';
import { errorText, useAsync, useTeams } from '../hooks';
import { roleLabel, teamLabel, type Messages } from '../i18n';
import { issueText } from '../refusal-texts';
import { handToChoices, NOTE_MAX_LENGTH, noteProblem } from '../work';
import { describedByOf, Dl, ErrorMessage, Field, Loading, Section, SubmitButton } from './common';
import type { SubmitOutcome } from './SchemaForm';

export type Send = (command: CommandName, payload: Record<string, unknown>) => Promise<SubmitOutcome>;

/** A 400's issue for one field of the payload in the reader's language, else the refusal as a whole. */
function fieldIssueText(t: Messages, outcome: SubmitOutcome, field: string): string | undefined {
  if (!outcome) return undefined;
  const issue = outcome.issues.find((candidate: Issue) => candidate.path[0] === field);
  return issue ? issueText(t, issue) : outcome.message;
}

type Open = 'none' | 'hand' | 'return';

export function Allocation({ state, onSend }: { state: CaseState; onSend: Send }) {
  const { t, api, session } = useApp();
  const teams = useTeams(api);
  const [open, setOpen] = useState<Open>('none');
  const [busy, setBusy] = useState(false);
  const me = session.username;
  const holder = state.assignee;
  const isAdmin = session.role === 'admin';
  const mayAssign = canChangeCases(session) && state.allowedCommands.includes('assignCase');
  // As the domain decides: a caseworker takes or hands on a case no one holds or their own; an admin, any case.
  const mayMove = mayAssign && (holder === null || holder === me || isAdmin);

  const assign = async (payload: Record<string, unknown>): Promise<SubmitOutcome> => {
    setBusy(true);
    try {
      const outcome = await onSend('assignCase', payload);
      if (!outcome) setOpen('none');
      return outcome;
    } finally {
      setBusy(false);
    }
  };

  // Hand to… and Return to queue each open their form (`<which>-form`) below, and close it again; one at a time.
  const opener = (which: Exclude<Open, 'none'>, label: string) => (
    <button
      type="button"
      class="button"
      data-testid={`${which}-case`}
      aria-expanded={open === which}
      aria-controls={`${which}-form`}
      onClick={() => setOpen(open === which ? 'none' : which)}
    >
      {label}
    </button>
  );

  return (
    <Section id="allocation-title" title={t.work.allocationTitle} testId="case-allocation" wide>
      <Dl
        entries={[
          [
            t.work.holder,
            <span data-testid="case-holder" data-holder={holder ?? ''}>
              {holder === null ? t.work.inQueue : holder === me ? `${holder} (${t.work.you})` : holder}
            </span>,
            'holder',
          ],
          [
            t.work.team,
            <span data-testid="case-team" data-team={state.team}>
              {teamLabel(t, state.team, teams)}
            </span>,
            'team',
          ],
        ]}
      />
      {mayMove && (
        <div class="allocation-actions">
          {holder !== me && (
            <button
              type="button"
              class="button primary"
              data-testid="take-case"
              disabled={busy}
              onClick={() => void assign({ assignee: me })}
            >
              {t.work.takeHere}
            </button>
          )}
          {opener('hand', t.work.handTo)}
          {holder !== null && opener('return', t.work.returnToQueue)}
        </div>
      )}
      {mayMove && open === 'hand' && (
        // The region aria-controls names, whether the picker has loaded yet or not.
        <div id="hand-form">
          <HandForm holder={holder} busy={busy} onAssign={assign} />
        </div>
      )}
      {mayMove && open === 'return' && holder !== null && (
        <ReturnForm busy={busy} teams={teams} onAssign={assign} />
      )}
    </Section>
  );
}

/**
 * Whom to hand the case to: a picker of the accounts the API takes as an assignee (`GET /api/users/assignable`), for
 * caseworkers and admins alike. An account disabled since the list loaded is still refused by the API's 400, whose
 * message shows under the picker.
 */
function HandForm({
  holder,
  busy,
  onAssign,
}: {
  holder: string | null;
  busy: boolean;
  onAssign: (payload: Record<string, unknown>) => Promise<SubmitOutcome>;
}) {
  const { t, api } = useApp();
  const [username, setUsername] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [assignable, reload] = useAsync(() => api.assignableUsers(), [api]);

  if (assignable.status === 'loading') return <Loading />;
  if (assignable.status === 'error') {
    return (
      <div data-testid="hand-unavailable">
        <ErrorMessage onRetry={reload}>
          {t.work.handToUnavailable} {errorText(t, assignable.error)}
        </ErrorMessage>
      </div>
    );
  }
  const choices = handToChoices(assignable.data, holder);
  if (choices.length === 0) {
    return (
      <p class="muted" data-testid="hand-no-one">
        {t.work.handToNoOne}
      </p>
    );
  }

  const submit = async (event: Event) => {
    event.preventDefault();
    if (username === '') {
      setError(t.work.handToMissing);
      return;
    }
    setError(undefined);
    const outcome = await onAssign({ assignee: username });
    if (outcome) setError(fieldIssueText(t, outcome, 'assignee'));
  };

  return (
    <form class="allocation-form" data-testid="hand-form" onSubmit={submit} noValidate>
      <Field
        id="hand-username"
        label={t.work.handToChoose}
        hint={t.work.handToHint}
        error={error}
        errorTestId="hand-username-error"
      >
        <select
          id="hand-username"
          data-testid="hand-username"
          value={username}
          aria-describedby={describedByOf('hand-username', { hint: true, error })}
          aria-invalid={error ? 'true' : undefined}
          onChange={(event) => setUsername((event.currentTarget as HTMLSelectElement).value)}
        >
          <option value="">{t.common.choose}</option>
          {choices.map((choice) => (
            <option key={choice.username} value={choice.username}>
              {`${choice.username} (${roleLabel(t, choice.role)})`}
            </option>
          ))}
        </select>
      </Field>
      <SubmitButton label={t.work.handToSubmit} busy={busy} busyLabel={t.work.busy} testId="hand-submit" />
    </form>
  );
}

/** Back to a queue: the team the case's status calls for, unless another is chosen. */
function ReturnForm({
  busy,
  teams,
  onAssign,
}: {
  busy: boolean;
  teams: { id: string; name: { nb: string; en: string } }[] | undefined;
  onAssign: (payload: Record<string, unknown>) => Promise<SubmitOutcome>;
}) {
  const { t } = useApp();
  const [team, setTeam] = useState('');
  const [error, setError] = useState<string | undefined>();
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    const outcome = await onAssign(team ? { assignee: null, team } : { assignee: null });
    if (outcome) setError(fieldIssueText(t, outcome, 'team'));
  };
  return (
    <form id="return-form" class="allocation-form" data-testid="return-form" onSubmit={submit} noValidate>
      <Field
        id="return-team"
        label={
          <>
            {t.work.returnTeam} <span class="muted">({t.common.optional})</span>
          </>
        }
        error={error}
        errorTestId="return-team-error"
      >
        <select
          id="return-team"
          data-testid="return-team"
          value={team}
          aria-describedby={describedByOf('return-team', { error })}
          aria-invalid={error ? 'true' : undefined}
          onChange={(event) => setTeam((event.currentTarget as HTMLSelectElement).value)}
        >
          <option value="">{t.work.returnTeamDefault}</option>
          {(teams ?? []).map((option) => (
            <option key={option.id} value={option.id}>
              {teamLabel(t, option.id, teams)}
            </option>
          ))}
        </select>
      </Field>
      <SubmitButton label={t.work.returnSubmit} busy={busy} busyLabel={t.work.busy} testId="return-submit" />
    </form>
  );
}

/** An internal note: on the record with its author and time, never sent to the applicant; closed cases take it too. */
export function NoteForm({ onSend }: { onSend: Send }) {
  const { t } = useApp();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const over = text.length > NOTE_MAX_LENGTH;

  const submit = async (event: Event) => {
    event.preventDefault();
    const problem = noteProblem(text);
    if (problem) {
      setError(problem === 'empty' ? t.work.noteEmpty : t.work.noteTooLong(NOTE_MAX_LENGTH));
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      const outcome = await onSend('addNote', { text });
      if (outcome) setError(fieldIssueText(t, outcome, 'text'));
      else setText('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section id="note-title" title={t.work.noteTitle} testId="case-note" wide>
      <form class="note-form" data-testid="note-form" onSubmit={submit} noValidate>
        <Field
          id="note-text"
          label={t.work.noteLabel}
          hint={t.work.noteHint}
          hintClass="hint internal-hint"
          error={error}
          errorTestId="note-error"
        >
          <textarea
            id="note-text"
            data-testid="note-text"
            rows={4}
            value={text}
            aria-describedby={describedByOf('note-text', { hint: true, also: ['note-counter'], error })}
            aria-invalid={error || over ? 'true' : undefined}
            onInput={(event) => setText((event.currentTarget as HTMLTextAreaElement).value)}
          />
          <span
            class={over ? 'note-counter field-error' : 'note-counter hint'}
            id="note-counter"
            data-testid="note-counter"
            data-length={text.length}
          >
            {t.work.noteCounter(text.length, NOTE_MAX_LENGTH)}
          </span>
        </Field>
        <SubmitButton label={t.work.noteSubmit} busy={busy} busyLabel={t.work.busy} testId="note-submit" />
      </form>
    </Section>
  );
}
