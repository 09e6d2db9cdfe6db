import { ApplicationLodged, CommandPayloads } from '@saksflyt/domain';
import { Scenario } from '@saksflyt/domain/testing';
import { createActivities } from '@saksflyt/activities';
import { createTestWorker, startTestDevServer } from '@saksflyt/testing';
import { demoCases, seedDemo } from './demo';
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

  it('leaves the cases in a spread of statuses, by the rules of the domain', () => {
    const cases = demoCases(12, now);
    for (const demo of cases) {
      const scenario = new Scenario(demo.application).at(now.toISOString());
      for (const step of demo.steps) scenario.send(step.command, step.payload as never);
      expect(scenario.state.status).toBe(demo.expectedStatus);
    }
    expect(new Set(cases.map((demo) => demo.expectedStatus)).size).toBe(12);
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
        expect(await seedDemo(server.client, target, 12, 7)).toEqual({ started: 12, skipped: 0 });
        expect(await seedDemo(server.client, target, 12, 7)).toEqual({ started: 0, skipped: 12 });
        const [first] = demoCases(1, new Date(), 7);
        const state = await server.client.workflow
          .getHandle(caseWorkflowId(first?.application.dufNumber ?? ''))
          .query(stateQuery);
        expect(state.status).toBe('lodged');
      });
    } finally {
      await server.stop();
    }
  }, 120_000);
});
