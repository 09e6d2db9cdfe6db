import { ApplicationLodged, CommandPayloads } from '@saksflyt/domain';
import { Scenario } from '@saksflyt/domain/testing';
import { createActivities } from '@saksflyt/activities';
import { createTestWorker, startTestDevServer } from '@saksflyt/testing';
import { DEMO_PATH_COUNT, demoCases, seedDemo } from './demo';
import { caseWorkflowId, stateQuery } from './messages';

describe('saksflyt demo', () => {
  const now = new Date('2026-11-25T10:00:00Z');

  it('generates valid applications and commands, the same ones for the same seed', () => {
    const cases = demoCases(24, now);
    for (const demo of cases) {
      expect(ApplicationLodged.safeParse(demo.application).success).toBe(true);
      for (const step of demo.steps) {
        expect(
          CommandPayloads[step.command].safeParse({
            ...step.payload,
            actor: { id: 'demo', role: 'caseworker' },
          }).success,
        ).toBe(true);
      }
    }
    expect(new Set(cases.map((demo) => demo.application.dufNumber)).size).toBe(24);
    expect(demoCases(3, now)).toEqual(demoCases(3, now));
  });

  it('leaves the cases in a spread of statuses and work, by the rules of the domain', () => {
    const cases = demoCases(DEMO_PATH_COUNT, now);
    for (const demo of cases) {
      const scenario = new Scenario(demo.application).at(now.toISOString());
      for (const step of demo.steps) {
        if (step.notBefore) scenario.at(step.notBefore);
        scenario.send(step.command, step.payload as never);
      }
      expect({ path: demo.path, status: scenario.state.status, work: scenario.state.workItems }).toEqual({
        path: demo.path,
        status: demo.expectedStatus,
        work: demo.expectedWorkItems,
      });
    }
    // The first twelve paths, twelve statuses; then the work of rules version 2, and the cases it finishes.
    expect(new Set(cases.slice(0, 12).map((demo) => demo.expectedStatus)).size).toBe(12);
    expect(new Set(cases.flatMap((demo) => demo.expectedWorkItems))).toEqual(
      new Set(['decision-not-served', 'suspensive-effect-waiting', 'interview-call-not-reached']),
    );
    expect(cases.map((demo) => demo.expectedStatus)).toEqual(
      expect.arrayContaining(['appeal-reconsideration', 'departed', 'transferred']),
    );
  });

  it('seeds a running system through the workflow, and skips cases that exist on a second run', async () => {
    const server = await startTestDevServer();
    const target = { taskQueue: 'protection-cases', policyProfile: 'standard' as const };
    const worker = await createTestWorker({
      connection: server.connection,
      taskQueue: target.taskQueue,
      workflowsPath: require.resolve('./index'),
      activities: createActivities({ dataDir: server.dataDir }),
    });
    try {
      await worker.runUntil(async () => {
        const count = DEMO_PATH_COUNT;
        expect(await seedDemo(server.client, target, count, 7)).toEqual({ started: count, skipped: 0 });
        expect(await seedDemo(server.client, target, count, 7)).toEqual({ started: 0, skipped: count });
        // Every path, through the real workflow: where it leaves the case, and the work it leaves waiting.
        for (const demo of demoCases(count, new Date(), 7)) {
          const state = await server.client.workflow
            .getHandle(caseWorkflowId(demo.application.dufNumber))
            .query(stateQuery);
          expect({ path: demo.path, status: state.status, work: state.workItems }).toEqual({
            path: demo.path,
            status: demo.expectedStatus,
            work: demo.expectedWorkItems,
          });
        }
      });
    } finally {
      await server.stop();
    }
  }, 120_000);
});
