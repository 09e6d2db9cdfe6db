import { Controller, Get, Inject } from '@nestjs/common';
import { CaseStatus, CaseTrack, endOfOsloDay, WorkItem } from '@saksflyt/domain';
import { PROTECTION_CASE_WORKFLOW } from '@saksflyt/workflows';
import { visibilityQuery } from './case-list.query';
import { CasesService } from './cases.service';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How near a Dublin request's last day is when the dashboard lists it. */
export const DUBLIN_REQUEST_WARNING_DAYS = 14;

/**
 * What a caseworker sees first: cases by status and track, deadlines due soon, the interview-priority queue, and the
 * work lists: how many cases wait for each work item, and how many Dublin requests have their last day near.
 */
@Controller('api/dashboard')
export class DashboardController {
  constructor(@Inject(CasesService) private readonly cases: CasesService) {}

  @Get()
  async dashboard() {
    const base = `WorkflowType = '${PROTECTION_CASE_WORKFLOW}'`;
    // Through the end of the Oslo day 14 days ahead: the case list's date filter asks the same, so the two agree.
    const dublinBefore = endOfOsloDay(
      new Date(Date.now() + DUBLIN_REQUEST_WARNING_DAYS * DAY_MS),
    ).toISOString();
    const [byStatus, byTrack, byWorkItem, dublinRequestsDue, deadlinesDue, interviewPriorityQueue] =
      await Promise.all([
        this.countEach(CaseStatus.options, (status) => `${base} AND CaseStatus = '${status}'`),
        this.countEach(CaseTrack.options, (track) => `${base} AND CaseTrack = '${track}'`),
        this.countEach(WorkItem.options, (workItem) => visibilityQuery({ workItem })),
        this.cases.count(visibilityQuery({ dublinRequestDueBefore: dublinBefore })),
        this.cases.list({ deadlineBefore: new Date(Date.now() + 14 * DAY_MS).toISOString(), pageSize: 50 }),
        this.cases.list({ status: 'individual-assessment', interviewPriority: 'true', pageSize: 50 }),
      ]);
    return {
      byStatus,
      byTrack,
      byWorkItem,
      dublinRequestsDue: { before: dublinBefore, count: dublinRequestsDue },
      deadlinesDue: deadlinesDue.items
        .filter((item) => !item.closed)
        .sort((a, b) => (a.nextDeadline ?? '').localeCompare(b.nextDeadline ?? '')),
      interviewPriorityQueue: interviewPriorityQueue.items,
    };
  }

  private async countEach<Value extends string>(values: readonly Value[], query: (value: Value) => string) {
    const counts = await Promise.all(values.map((value) => this.cases.count(query(value))));
    return Object.fromEntries(values.map((value, index) => [value, counts[index] ?? 0])) as Record<
      Value,
      number
    >;
  }
}
