import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '@saksflyt/temporal';

// `npm run bench` at a toy size: it runs end to end and writes every section of its results. Nothing here judges
// the figures; the benchmark reports them.
describe('npm run bench', () => {
  it('drives cases, floors, the API, the case page, replay and open cases, and writes the results file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'saksflyt-bench-test-'));
    const out = path.join(dir, 'results.json');
    const args = ['--cases', '6', '--rounds', '1', '--http-cases', '3', '--warmup', '0', '--scale', '30'];
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
      execFile(
        process.execPath,
        [
          '--import',
          'tsx',
          'bench/src/main.ts',
          ...args,
          '--scale-updates',
          '10',
          '--scale-lists',
          '2',
          '--scale-stats',
          '2',
          '--scale-impacts',
          '1',
          '--settle',
          '0',
          '--readers',
          '2',
          '--read-seconds',
          '2',
          '--read-open-cases',
          '2',
          '--out',
          out,
        ],
        { cwd: repoRoot(), timeout: 170_000 },
        (error, stdout, stderr) =>
          resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, output: stdout + stderr }),
      );
    });
    expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
    expect(output).toContain('case / floor');
    expect(output).toContain('Case page reads (from the projection)');

    const results = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
    rmSync(dir, { recursive: true, force: true });
    const summary = expect.objectContaining({
      cases: expect.any(Number),
      casesPerSecond: expect.any(Number),
      updateMs: { p50: expect.any(Number), p95: expect.any(Number), p99: expect.any(Number) },
      cpuMsPerCase: expect.objectContaining({ worker: expect.any(Number), server: expect.any(Number) }),
    });
    // A lifecycle round: its histories counted; the other worker idled beside it, its CPU apart.
    const lifecycleRound = (projectionLag?: unknown) =>
      expect.objectContaining({
        ...(projectionLag ? { projectionLag } : {}),
        cpuMsPerCase: expect.objectContaining({
          worker: expect.any(Number),
          idleWorker: expect.any(Number),
          projection: expect.any(Number),
        }),
        history: expect.objectContaining({
          histories: 6,
          eventsPerCase: expect.any(Number),
          workflowTasksPerCase: expect.any(Number),
        }),
      });
    // The case rounds' commands, each seen in the projection after its Update answered.
    const projectionLag = expect.objectContaining({
      p50: expect.any(Number),
      p99: expect.any(Number),
      samples: expect.any(Number),
      unseen: 0,
    });
    // The case page: every read a 200, with the worker running and with it stopped (the projection answers).
    const wholePages = expect.objectContaining({
      pages: expect.any(Number),
      failedPages: 0,
      pagesPerSecond: expect.any(Number),
      notOk: {},
    });
    expect(results).toMatchObject({
      machine: expect.objectContaining({ cpu: expect.any(String), cores: expect.any(Number) }),
      commit: expect.objectContaining({ sha: expect.any(String) }),
      settings: expect.objectContaining({
        cases: 6,
        rounds: 1,
        scale: [30],
        workerCache: 0,
        // The floor on a worker of its own with the SDK's defaults: a workflow cache.
        floorWorker: expect.objectContaining({ kind: 'sdk-defaults', taskQueue: 'bench-floor' }),
      }),
      lifecycle: {
        rounds: [{ round: 1, case: lifecycleRound(projectionLag), floor: lifecycleRound() }],
        median: { case: lifecycleRound(projectionLag), floor: lifecycleRound() },
        history: { case: expect.any(Object), floor: expect.any(Object) },
      },
      http: { median: { client: summary, http: summary } },
      casePage: expect.objectContaining({
        projection: true,
        cases: { open: 2, closed: 9 },
        workerRunning: wholePages,
        workerStopped: wholePages,
      }),
      replay: expect.objectContaining({ median: expect.any(Object) }),
      scale: [
        expect.objectContaining({
          openCases: 30,
          workerRssMiB: expect.any(Number),
          statsMs: expect.objectContaining({ p50: expect.any(Number), p95: expect.any(Number), samples: 2 }),
          // Every case of the toy level is taken: the queue's one page is empty, "My cases" holds them all.
          queuePageMs: expect.objectContaining({ p50: expect.any(Number), samples: 1 }),
          myCasesMs: expect.objectContaining({ p50: expect.any(Number), samples: expect.any(Number) }),
          impactMs: expect.objectContaining({
            p50: expect.any(Number),
            samples: 1,
            casesRead: expect.any(Number),
          }),
          // The one level is the largest: a version is published, and every sampled case is judged by it.
          publish: expect.objectContaining({ ms: expect.any(Number), sampled: 10, followed: 10 }),
        }),
      ],
      ratios: expect.objectContaining({ lifecycle: expect.any(Object), http: expect.any(Object) }),
      targets: expect.arrayContaining([expect.objectContaining({ name: 'lifecycle throughput vs floor' })]),
    });
    // Every case closed and every floor finished: nothing was left out of the figures.
    const lifecycle = results.lifecycle as {
      median: Record<
        'case' | 'floor',
        { cases: number; history: { workflowTasksPerCase: number }; projectionLag?: { samples: number } }
      >;
    };
    // Every command a case accepted was seen in the projection; the floor writes none.
    expect(lifecycle.median.case.projectionLag?.samples).toBeGreaterThan(0);
    expect(lifecycle.median.floor.projectionLag).toBeUndefined();
    const casePage = results.casePage as Record<'workerRunning' | 'workerStopped', { pages: number }>;
    expect(casePage.workerRunning.pages).toBeGreaterThan(0);
    expect(casePage.workerStopped.pages).toBeGreaterThan(0);
    expect(lifecycle.median.case.cases).toBe(6);
    // A case and a floor take at least a task to start and one for each Update they accepted.
    expect(lifecycle.median.case.history.workflowTasksPerCase).toBeGreaterThan(1);
    expect(lifecycle.median.floor.history.workflowTasksPerCase).toBeGreaterThan(1);
    expect(
      (results.settings as { floorWorker: { maxCachedWorkflows: number } }).floorWorker.maxCachedWorkflows,
    ).toBeGreaterThan(0);
  }, 180_000);
});
