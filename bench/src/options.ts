import { Command } from 'commander';
import { z } from 'zod';

const whole = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** The worker setting `--case-cache` stands for. */
const CACHE_SETTING = 'SAKSFLYT_WORKER_MAX_CACHED_WORKFLOWS';

/** Where the floor runs: a worker of its own with the SDK's defaults, or the product's worker (as before issue 17). */
export const FLOOR_WORKERS = ['sdk-defaults', 'product'] as const;

export const BenchOptions = z
  .object({
    cases: whole(1, 100_000).default(500),
    rounds: whole(1, 20).default(3),
    httpCases: whole(1, 10_000).default(50),
    warmup: whole(0, 10_000).default(40),
    scale: z
      .string()
      .default('1000,10000')
      .transform((list) => (list.trim() === '' || list === 'none' ? [] : list.split(',').map(Number)))
      .pipe(z.array(z.number().int().min(1).max(1_000_000))),
    with100k: z.boolean().default(false),
    scaleUpdates: whole(10, 100_000).default(200),
    scaleLists: whole(1, 10_000).default(20),
    scaleStats: whole(1, 1_000).default(5),
    scaleImpacts: whole(1, 100).default(3),
    scaleQueuePages: whole(1, 10_000).default(50),
    settle: whole(0, 600).default(15),
    replay: whole(0, 100_000).optional(),
    experiments: z.boolean().default(false),
    experimentCases: whole(1, 100_000).default(150),
    experimentRounds: whole(1, 20).default(2),
    workerEnv: z
      .string()
      .default('')
      .transform((list) =>
        Object.fromEntries(
          list
            .split(',')
            .filter(Boolean)
            .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
        ),
      )
      .pipe(
        z.record(
          z.string().regex(/^SAKSFLYT_WORKER_[A-Z0-9_]+$/, 'only SAKSFLYT_WORKER_* settings'),
          z.string(),
        ),
      ),
    floorWorker: z.enum(FLOOR_WORKERS).default('sdk-defaults'),
    projection: z.boolean().default(true),
    readers: whole(1, 1_000).default(8),
    readSeconds: whole(1, 3_600).default(15),
    readOpenCases: whole(0, 10_000).default(20),
    lagLookMs: whole(0, 10_000).default(10),
    caseCache: whole(0, 1_000_000).optional(),
    profile: z.boolean().default(false),
    out: z.string().default('bench/results.json'),
    progress: z.boolean().default(true),
  })
  .strict()
  .refine(
    ({ caseCache, workerEnv }) =>
      caseCache === undefined ||
      workerEnv[CACHE_SETTING] === undefined ||
      Number(workerEnv[CACHE_SETTING]) === caseCache,
    { path: ['caseCache'], message: `and --worker-env ${CACHE_SETTING} disagree` },
  )
  .transform((options) => ({
    ...options,
    // The case's worker is the product's: its cache is the product's setting, for the whole run.
    workerEnv:
      options.caseCache === undefined
        ? options.workerEnv
        : { ...options.workerEnv, [CACHE_SETTING]: String(options.caseCache) },
    scale: [...new Set([...options.scale, ...(options.with100k ? [100_000] : [])])].sort((a, b) => a - b),
    replay: options.replay ?? Math.min(200, options.cases),
  }));
export type BenchOptions = z.infer<typeof BenchOptions>;

export function parseBenchOptions(argv: string[]): BenchOptions {
  const program = new Command('npm run bench --')
    .description(
      'what a case costs beside a null workflow, over HTTP and with many cases open; writes bench/results.json',
    )
    .option('--cases <n>', 'cases per lifecycle round, all driven at once', '500')
    .option('--rounds <n>', 'rounds of each comparison (case and floor interleaved)', '3')
    .option('--http-cases <n>', 'cases per round of the HTTP comparison', '50')
    .option('--warmup <n>', 'cases of an unrecorded warm-up round', '40')
    .option('--scale <levels>', 'open cases to hold, comma-separated ("none" to skip)', '1000,10000')
    .option('--with-100k', 'also hold 100,000 open cases (adds several minutes)')
    .option('--scale-updates <n>', 'commands to random open cases at each level', '200')
    .option('--scale-lists <n>', 'filtered list queries at each level', '20')
    .option('--scale-queue-pages <n>', 'pages of 100 of a team queue to walk at each level', '50')
    .option('--scale-stats <n>', 'GET /api/stats/processing at each level, computed afresh each time', '5')
    .option('--scale-impacts <n>', 'POST /api/policy/impact of one draft at each level', '3')
    .option('--settle <seconds>', "idle time at each level before the worker's settled memory is read", '15')
    .option('--replay <n>', "histories of each kind to replay, from the last round's (default: 200)")
    .option(
      '--experiments',
      'also run the tuning experiments (worker settings, SQLite pragmas, bundle, replay)',
    )
    .option('--experiment-cases <n>', 'cases per experiment round', '150')
    .option('--experiment-rounds <n>', 'rounds per experiment setting', '2')
    .option(
      '--worker-env <settings>',
      'worker settings for the whole run, e.g. SAKSFLYT_WORKER_MAX_CACHED_WORKFLOWS=500',
      '',
    )
    .option(
      '--floor-worker <worker>',
      'where the floor runs: "sdk-defaults", a worker of its own with the SDK\'s defaults (a workflow cache), ' +
        'or "product", the product\'s worker beside the cases (the bench before issue 17)',
      'sdk-defaults',
    )
    .option(
      '--no-projection',
      'no projection store: the worker writes no read model and the API reads the workflows (the bench before ' +
        'issue 17; `npm start` serves the embedded one, and so does the bench by default)',
    )
    .option('--readers <n>', 'concurrent readers of the case page, each loading one page after another', '8')
    .option(
      '--read-seconds <s>',
      'how long the readers read, with the worker running and again with it stopped',
      '15',
    )
    .option(
      '--read-open-cases <n>',
      'open cases started for the readers, beside the closed ones of the last rounds',
      '20',
    )
    .option(
      '--lag-look-ms <ms>',
      "how often the projection is looked at for the lifecycle's commands, for their lag (0: not at all)",
      '10',
    )
    .option(
      '--case-cache <n>',
      `workflow cache of the product's worker, which runs the cases (${CACHE_SETTING}; the product's default is 0)`,
    )
    .option('--profile', "write CPU profiles of the worker's threads to bench/profiles/")
    .option('--out <file>', 'where to write the results', 'bench/results.json')
    .option('--no-progress', 'no progress bars')
    // --help is an answer, not a failure; commander has printed what is wrong with any other.
    .exitOverride((error) => {
      if (error.exitCode === 0) process.exit(0);
      throw error;
    })
    .parse(argv, { from: 'user' });
  const parsed = BenchOptions.safeParse(program.opts());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const option = String(issue?.path[0] ?? '?').replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
    throw new Error(`--${option}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
