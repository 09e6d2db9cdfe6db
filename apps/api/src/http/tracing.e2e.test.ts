import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { anApplication, aPoliceRegistration, COLLECTIVE_PROTECTION_GRANTED } from '@saksflyt/domain/testing';
import { startTracing, type Tracing } from '@saksflyt/temporal';
import { startTestSystem, type TestSystem } from '../__fixtures__/test-system';

describe('OpenTelemetry tracing: one trace from the HTTP request through the update to the activity', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  let system: TestSystem;
  const duf = '202470000001';

  beforeAll(async () => {
    const started = startTracing('saksflyt-test', { exporter });
    if (!started) throw new Error('an exporter was given, so tracing must start');
    tracing = started;
    system = await startTestSystem({}, { tracing });
  }, 180_000);
  afterAll(async () => {
    await system?.stop();
    await tracing?.shutdown();
  });

  it('is off unless an OTLP endpoint or an exporter is given', () => {
    expect(startTracing('saksflyt-test', {})).toBeUndefined();
  });

  it('traces a command from its HTTP request through the update, and the activities back to the request that opened the case', async () => {
    const post = (route: string, body: unknown) => system.request('caseworker', 'POST', route, body);
    expect((await post('/api/cases', anApplication({ dufNumber: duf }))).status).toBe(201);
    await post(`/api/cases/${duf}/commands/registerWithPolice`, aPoliceRegistration());
    // A decision whose notice goes out through an activity.
    const decided = await post(
      `/api/cases/${duf}/commands/assessCollectiveProtection`,
      COLLECTIVE_PROTECTION_GRANTED,
    );
    expect(decided.status).toBe(200);

    const find = (name: string) => exporter.getFinishedSpans().find((span) => span.name.startsWith(name));
    for (let attempt = 0; attempt < 100 && !find('RunActivity'); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const namesInTraceOf = (root: string, command?: string) => {
      const span = exporter
        .getFinishedSpans()
        .find((candidate) => candidate.name === root && candidate.attributes['saksflyt.command'] === command);
      const traceId = span?.spanContext().traceId;
      return {
        span,
        names: exporter
          .getFinishedSpans()
          .filter((candidate) => candidate.spanContext().traceId === traceId)
          .map((candidate) => candidate.name.split(':')[0]),
      };
    };
    // The command: its HTTP span, the client's update, the workflow's validator and handler.
    const command = namesInTraceOf(
      'POST /api/cases/:dufNumber/commands/:command',
      'assessCollectiveProtection',
    );
    expect(command.span?.attributes).toMatchObject({
      'saksflyt.case_id': `case-${duf}`,
      'saksflyt.command': 'assessCollectiveProtection',
      'http.response.status_code': 200,
    });
    expect(command.names).toEqual(
      expect.arrayContaining(['StartWorkflowUpdate', 'ValidateUpdate', 'HandleUpdate']),
    );
    // The activities run from the case's main loop, so they belong to the trace of the request that opened it.
    // Workflow spans reach the exporter through a sink after the workflow task, so they may trail the activity's.
    const expected = ['StartWorkflow', 'StartActivity', 'RunActivity'];
    let opened = namesInTraceOf('POST /api/cases');
    for (
      let attempt = 0;
      attempt < 100 && !expected.every((name) => opened.names.includes(name));
      attempt++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      opened = namesInTraceOf('POST /api/cases');
    }
    expect(opened.names).toEqual(
      // (RunWorkflow itself ends only when the case closes.)
      expect.arrayContaining(expected),
    );
  });
});
