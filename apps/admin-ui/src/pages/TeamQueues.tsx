import { useEffect, useState } from 'preact/hooks';
import { ApiError, type CaseSummary, type Team } from '../api';
import { CaseTable, ErrorMessage, Loading } from '../components/common';
import { PagedCases } from '../components/PagedCases';
import { canChangeCases, useApp } from '../context';
import { errorText, useAsync, useTitle } from '../hooks';
import { teamLabel } from '../i18n';
import { caseHref, hrefOf } from '../router';
import { loadTeam, saveTeam } from '../storage';

/**
 * Each team's queue (`team=X&assignedTo=none`): its unassigned cases, and those held by a disabled account, marked.
 * The team comes from the address, else the one chosen last, else the first team.
 */
export function TeamQueuesPage({ team }: { team?: string }) {
  const { t, api } = useApp();
  useTitle(t.work.queuesTitle, t.app.name);
  const [teams, reloadTeams] = useAsync(() => api.teams(), [api]);
  const loaded = teams.status === 'done' ? teams.data : undefined;
  const chosen = team ?? loadTeam() ?? loaded?.[0]?.id;

  // What the address names is the choice to remember, so a link to a queue also counts as choosing it.
  useEffect(() => {
    if (team) saveTeam(team);
  }, [team]);

  return (
    <>
      <h1 tabIndex={-1}>{t.work.queuesTitle}</h1>
      <p class="muted">{t.work.queuesIntro}</p>
      {teams.status === 'loading' && <Loading />}
      {teams.status === 'error' && (
        <ErrorMessage onRetry={reloadTeams}>{errorText(t, teams.error)}</ErrorMessage>
      )}
      {loaded && <TeamPicker key={chosen} teams={loaded} chosen={chosen} />}
      {chosen && <Queue key={chosen} team={chosen} teams={loaded} />}
    </>
  );
}

function TeamPicker({ teams, chosen }: { teams: Team[]; chosen: string | undefined }) {
  const { t } = useApp();
  const [value, setValue] = useState(chosen ?? teams[0]?.id ?? '');
  // A button, not a change of the select, moves to another queue: keyboard users go through the options freely.
  const submit = (event: Event) => {
    event.preventDefault();
    if (!value) return;
    saveTeam(value);
    location.hash = hrefOf({ name: 'queues', team: value });
  };
  return (
    <form class="card team-picker" data-testid="team-picker" onSubmit={submit}>
      <div class="field">
        <label for="team-picker-select">{t.work.teamPicker}</label>
        <select
          id="team-picker-select"
          data-testid="team-picker-select"
          value={value}
          onChange={(event) => setValue((event.currentTarget as HTMLSelectElement).value)}
        >
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {teamLabel(t, team.id, teams)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="button primary" data-testid="team-picker-submit">
        {t.work.showQueue}
      </button>
    </form>
  );
}

/** What became of a "Take" on one row. */
type TakeOutcome =
  | { kind: 'taking' }
  | { kind: 'taken' }
  | { kind: 'lost'; holder: string }
  | { kind: 'failed'; text: string };

function Queue({ team, teams }: { team: string; teams: Team[] | undefined }) {
  const { t, api, session, announce } = useApp();
  const [outcomes, setOutcomes] = useState<Record<string, TakeOutcome>>({});
  const name = teamLabel(t, team, teams);
  const mayTake = canChangeCases(session);

  const take = async (dufNumber: string) => {
    setOutcomes((current) => ({ ...current, [dufNumber]: { kind: 'taking' } }));
    let outcome: TakeOutcome;
    try {
      await api.sendCommand(dufNumber, 'assignCase', { assignee: session.username });
      outcome = { kind: 'taken' };
      announce(t.work.takenByYou);
    } catch (error) {
      // A lost race: someone took it first, and the 409 says who.
      const holder = error instanceof ApiError && error.status === 409 ? error.body.heldBy : undefined;
      outcome = holder ? { kind: 'lost', holder } : { kind: 'failed', text: errorText(t, error) };
      announce(holder ? t.work.takenBy(holder) : outcome.kind === 'failed' ? outcome.text : '');
    }
    setOutcomes((current) => ({ ...current, [dufNumber]: outcome }));
  };

  const actionsOf = (item: CaseSummary) => {
    const outcome = outcomes[item.dufNumber];
    const disabledHolder = item.holderDisabled && item.assignedTo ? item.assignedTo : undefined;
    // The domain lets a caseworker take only a case no one holds; an admin moves a disabled account's cases.
    const takeable = mayTake && (!disabledHolder || session.role === 'admin');
    return (
      <div class="queue-actions" data-testid={`queue-actions-${item.dufNumber}`}>
        {disabledHolder && (
          <span class="badge tone-alert-outline" data-testid={`holder-disabled-${item.dufNumber}`}>
            {t.work.holderDisabled(disabledHolder)}
          </span>
        )}
        {disabledHolder && !takeable && mayTake && <span class="muted small">{t.work.onlyAdminMoves}</span>}
        {outcome?.kind === 'taken' ? (
          <span class="take-outcome" data-testid={`take-outcome-${item.dufNumber}`} data-outcome="taken">
            {t.work.takenByYou} <a href={caseHref(item.dufNumber)}>{t.casePage.title(item.dufNumber)}</a>
          </span>
        ) : outcome?.kind === 'lost' ? (
          <span
            class="take-outcome field-error"
            data-testid={`take-outcome-${item.dufNumber}`}
            data-outcome="lost"
            data-holder={outcome.holder}
          >
            {t.work.takenBy(outcome.holder)}
          </span>
        ) : (
          takeable && (
            <button
              type="button"
              class="button small primary"
              data-testid={`take-${item.dufNumber}`}
              aria-label={t.work.takeCase(item.dufNumber)}
              disabled={outcome?.kind === 'taking'}
              onClick={() => void take(item.dufNumber)}
            >
              {outcome?.kind === 'taking' ? t.work.taking : t.work.take}
            </button>
          )
        )}
        {outcome?.kind === 'failed' && (
          <span
            class="field-error"
            role="alert"
            data-testid={`take-outcome-${item.dufNumber}`}
            data-outcome="failed"
          >
            {outcome.text}
          </span>
        )}
      </div>
    );
  };

  return (
    <PagedCases
      load={(pageToken) => api.listCases({ team, assignedTo: 'none' }, pageToken)}
      deps={[api, team]}
      title={t.work.queueTitle(name)}
      titleId="queue-title"
      testId="team-queue"
      empty={t.work.queueEmpty}
    >
      {(items) => (
        <CaseTable
          items={items}
          caption={<span class="visually-hidden">{t.work.queueTitle(name)}</span>}
          columns={['status', 'nextDeadline', 'age', 'track', 'workItems']}
          teams={teams}
          testId="team-queue-table"
          actions={{ header: t.columns.assignedTo, render: actionsOf }}
        />
      )}
    </PagedCases>
  );
}
