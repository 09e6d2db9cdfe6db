import { ErrorMessage, FiguresTable, Loading, Section } from '../components/common';
import { useApp } from '../context';
import { errorText, useAsync, useTeams, useTitle } from '../hooks';
import { roleLabel, teamLabel } from '../i18n';
import { hrefOf } from '../router';

/** Open cases per caseworker and per team (admins): who carries what, and which queues wait. */
export function WorkloadPage() {
  const { t, api, session } = useApp();
  useTitle(t.work.workloadTitle, t.app.name);
  const isAdmin = session.role === 'admin';
  const [state, reload] = useAsync(
    () => (isAdmin ? api.workload() : Promise.resolve(undefined)),
    [api, isAdmin],
  );
  const teams = useTeams(api);

  return (
    <>
      <h1 tabIndex={-1}>{t.work.workloadTitle}</h1>
      {!isAdmin ? (
        <p class="alert alert-warning" data-testid="workload-not-allowed">
          {t.work.workloadAdminsOnly}
        </p>
      ) : (
        <>
          <p class="muted">{t.work.workloadIntro}</p>
          {state.status === 'loading' && <Loading />}
          {state.status === 'error' && (
            <ErrorMessage onRetry={reload}>{errorText(t, state.error)}</ErrorMessage>
          )}
          {state.status === 'done' && state.data && (
            <div class="workload-grid">
              <Section id="workload-users-title" title={t.work.byCaseworker} testId="workload-caseworkers">
                <div class="table-wrap">
                  <FiguresTable
                    testId="workload-caseworkers-table"
                    caption={t.work.byCaseworker}
                    columns={[
                      { label: t.work.username },
                      { label: t.work.role },
                      { label: t.work.open, numeric: true },
                    ]}
                  >
                    {[...state.data.caseworkers]
                      .sort((a, b) => b.open - a.open || a.username.localeCompare(b.username))
                      .map((user) => (
                        <tr
                          key={user.username}
                          data-testid={`workload-user-${user.username}`}
                          data-open={user.open}
                          data-disabled={String(user.disabled)}
                          class={user.disabled ? 'disabled-account' : undefined}
                        >
                          <th scope="row">
                            {user.username}
                            {user.disabled && (
                              <span
                                class="badge tone-alert-outline"
                                data-testid={`disabled-${user.username}`}
                              >
                                {t.work.disabled}
                              </span>
                            )}
                          </th>
                          <td>{roleLabel(t, user.role)}</td>
                          <td class="numeric">{user.open}</td>
                        </tr>
                      ))}
                  </FiguresTable>
                </div>
              </Section>
              <Section id="workload-teams-title" title={t.work.byTeam} testId="workload-teams">
                <div class="table-wrap">
                  <FiguresTable
                    testId="workload-teams-table"
                    caption={t.work.byTeam}
                    columns={[
                      { label: t.work.team },
                      { label: t.work.open, numeric: true },
                      { label: t.work.unassigned, numeric: true },
                      { label: t.work.holderDisabledColumn, numeric: true },
                    ]}
                  >
                    {state.data.teams.map((row) => (
                      <tr
                        key={row.team}
                        data-testid={`workload-team-${row.team}`}
                        data-open={row.open}
                        data-unassigned={row.unassigned}
                        data-holder-disabled={row.holderDisabled}
                      >
                        <th scope="row">
                          <a href={hrefOf({ name: 'queues', team: row.team })}>
                            {teamLabel(t, row.team, teams)}
                          </a>
                        </th>
                        <td class="numeric">{row.open}</td>
                        <td class="numeric">{row.unassigned}</td>
                        <td class={row.holderDisabled > 0 ? 'numeric attention' : 'numeric'}>
                          {row.holderDisabled}
                        </td>
                      </tr>
                    ))}
                  </FiguresTable>
                </div>
              </Section>
            </div>
          )}
        </>
      )}
    </>
  );
}
