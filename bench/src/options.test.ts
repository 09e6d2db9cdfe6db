import { parseBenchOptions } from './options';

describe('npm run bench options', () => {
  it("runs the floor on a worker of its own with the SDK's defaults, and the cases on the product's worker as set", () => {
    expect(parseBenchOptions([])).toMatchObject({ floorWorker: 'sdk-defaults', workerEnv: {} });
  });

  it("can run the floor on the product's worker, as the bench did before issue 17", () => {
    expect(parseBenchOptions(['--floor-worker', 'product']).floorWorker).toBe('product');
    expect(() => parseBenchOptions(['--floor-worker', 'cached'])).toThrow(/--floor-worker/);
  });

  it("gives the case's worker a workflow cache with --case-cache", () => {
    expect(parseBenchOptions(['--case-cache', '500']).workerEnv).toEqual({
      SAKSFLYT_WORKER_MAX_CACHED_WORKFLOWS: '500',
    });
  });

  it('refuses a --case-cache that --worker-env contradicts, and takes one that agrees', () => {
    const both = (cache: string) => [
      '--case-cache',
      '500',
      '--worker-env',
      `SAKSFLYT_WORKER_MAX_CACHED_WORKFLOWS=${cache}`,
    ];
    expect(() => parseBenchOptions(both('10'))).toThrow(/--case-cache: and --worker-env .* disagree/);
    expect(parseBenchOptions(both('500')).workerEnv).toEqual({ SAKSFLYT_WORKER_MAX_CACHED_WORKFLOWS: '500' });
  });

  it('runs with the embedded projection store unless --no-projection, and reads the case page as set', () => {
    expect(parseBenchOptions([])).toMatchObject({
      projection: true,
      readers: 8,
      readSeconds: 15,
      readOpenCases: 20,
      lagLookMs: 10,
    });
    expect(
      parseBenchOptions([
        '--no-projection',
        '--readers',
        '4',
        '--read-seconds',
        '5',
        '--read-open-cases',
        '0',
      ]),
    ).toMatchObject({ projection: false, readers: 4, readSeconds: 5, readOpenCases: 0 });
    expect(() => parseBenchOptions(['--readers', '0'])).toThrow(/--readers/);
  });
});
