import { CaseTable } from '../components/common';
import { PagedCases } from '../components/PagedCases';
import { PolicyReviewPanel } from '../components/PolicyReview';
import { useApp } from '../context';
import { useTeams, useTitle } from '../hooks';
import { byNearestDeadlineThenAge } from '../work';

/**
 * The signed-in user's cases (`assignedTo=me`): the nearest deadline first, then the oldest; above them, the cases a
 * published policy version listed for review.
 */
export function MyCasesPage() {
  const { t, api } = useApp();
  useTitle(t.work.myCasesTitle, t.app.name);
  const teams = useTeams(api);
  return (
    <>
      <h1 tabIndex={-1}>{t.work.myCasesTitle}</h1>
      <p class="muted">{t.work.myCasesIntro}</p>
      <PolicyReviewPanel />
      <PagedCases
        load={(pageToken) => api.listCases({ assignedTo: 'me' }, pageToken)}
        deps={[api]}
        title={t.work.myCasesTitle}
        titleId="my-cases-title"
        testId="my-cases"
        empty={t.work.myCasesEmpty}
      >
        {(items) => (
          <CaseTable
            items={[...items].sort(byNearestDeadlineThenAge)}
            caption={<span class="visually-hidden">{t.work.myCasesTitle}</span>}
            columns={['nextDeadline', 'age', 'status', 'team', 'track', 'workItems']}
            teams={teams}
            testId="my-cases-table"
          />
        )}
      </PagedCases>
    </>
  );
}
