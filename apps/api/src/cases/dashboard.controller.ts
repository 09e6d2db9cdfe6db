import { Controller, Get, Inject } from '@nestjs/common';
import { CaseStatus, CaseTrack } from '@saksflyt/domain';
import { PROTECTION_CASE_WORKFLOW } from '@saksflyt/workflows';
import { CasesService } from './cases.service';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What a caseworker sees first: cases by status and track, deadlines due soon, the interview-priority queue. */
@Controller('api/dashboard')
export class DashboardController {
  constructor(@Inject(CasesService) private readonly cases: CasesService) {}

  @Get()
  async dashboard() {
    const base = `WorkflowType = '${PROTECTION_CASE_WORKFLOW}'`;
    const [byStatus, byTrack, deadlinesDue, interviewPriorityQueue] = await Promise.all([
      this.countEach(CaseStatus.options, (status) => `${base} AND CaseStatus = '${status}'`),
      this.countEach(CaseTrack.options, (track) => `${base} AND CaseTrack = '${track}'`),
      this.cases.list({ deadlineBefore: new Date(Date.now() + 14 * DAY_MS).toISOString(), pageSize: 50 }),
      this.cases.list({ status: 'individual-assessment', interviewPriority: 'true', pageSize: 50 }),
    ]);
    return {
      byStatus,
      byTrack,
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
