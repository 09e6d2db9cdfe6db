import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { Command, Option } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import {
  type ArchiveKeys,
  archiveCase,
  caseExport,
  caseExportPdf,
  CASE_FILE_LANGUAGES,
  type CaseFileLanguage,
  CaseNotFoundError,
  CaseSource,
  type CaseArchive,
  compareWithAnchors,
  type HeadAnchor,
  openAnchors,
  openArchive,
  publishArchiveHead,
  replayCases as replayRuns,
  type ReplayFailure,
  differencesFromRecord,
} from '@saksflyt/audit';
import { DufNumber, firstReleaseReview, fold } from '@saksflyt/domain';
import {
  bundleWorkflows,
  connectClient,
  createDataConverter,
  type DataConverter,
  loadSettings,
  openArchiveKeys,
  openKeyRing,
  type Settings,
  StartupError,
} from '@saksflyt/temporal';

export interface AuditContext {
  settings: Settings;
  source: CaseSource;
  archive: CaseArchive;
  archiveKeys: ArchiveKeys;
  /** Where the archive's head is published outside it: the head file and the archiveHead workflow. */
  anchors: HeadAnchor[];
  client: Awaited<ReturnType<typeof connectClient>>;
  dataConverter: DataConverter;
}

export async function withAudit<T>(use: (context: AuditContext) => Promise<T>): Promise<T> {
  const settings = loadSettings();
  const keys = await openKeyRing(settings.encryption);
  const { plaintext } = settings.encryption;
  // Replays decide as the worker does (a refused payload is a marker its workflow refuses); reads throw on one.
  const dataConverter = createDataConverter(keys, { reader: 'worker', plaintext });
  const client = await connectClient(
    settings.temporal,
    createDataConverter(keys, { reader: 'client', plaintext }),
  );
  const archiveKeys = openArchiveKeys(settings.archiveKeys, keys);
  const archive = openArchive(settings.dataDir, settings.archiveUrl, archiveKeys);
  const anchors = openAnchors({
    anchorFile: settings.archiveHead.file,
    client,
    taskQueue: settings.temporal.taskQueue,
  });
  try {
    return await use({
      settings,
      client,
      dataConverter,
      archive,
      archiveKeys,
      anchors,
      source: new CaseSource(client, archive),
    });
  } catch (error) {
    // A case neither Temporal nor the archive knows is the caller's mistake: one line and exit code 1.
    if (error instanceof CaseNotFoundError)
      throw new StartupError(error.message, 'check the DUF number (`saksflyt cases mine`, the case list)');
    throw error;
  } finally {
    await archive.close();
    await client.connection.close();
  }
}

function dufNumber(value: string): string {
  const parsed = DufNumber.safeParse(value);
  if (!parsed.success)
    throw new StartupError(`${value} is not a DUF number`, 'give the 12 digits of the case');
  return parsed.data;
}

export type { ReplayFailure } from '@saksflyt/audit';

/** Replays every run of the named cases against today's workflow code, on one replay worker; failures name the case. */
export async function replayCases(
  context: AuditContext,
  dufNumbers: string[],
  onProgress: (done: number) => void = () => undefined,
): Promise<{ replayed: number; failed: ReplayFailure[] }> {
  const workflowBundle = context.settings.worker.workflowBundle
    ? { codePath: context.settings.worker.workflowBundle }
    : { code: (await bundleWorkflows(require.resolve('@saksflyt/workflows'), 'ERROR')).code };
  return replayRuns(
    context.source,
    { workflowBundle, dataConverter: context.dataConverter },
    dufNumbers,
    onProgress,
  );
}

export interface VerifyReport {
  cases: number;
  problems: string[];
  /** What is worth knowing but no problem: records checked only unkeyed, a head one append behind. */
  notes: string[];
  /** The head published to the anchors after a clean check, and where it went. */
  published?: { count: number; hash: string; to: string[] };
}

/**
 * For every case: folding its events gives the state the workflow (or the archive) reports. Then the archive: its
 * keyed chain holds, and it still reaches every head its anchors hold (the head file, the archiveHead workflow).
 * When all is well, the archive's head is published to the anchors.
 */
export async function verifyCases(
  context: Pick<AuditContext, 'source' | 'archive' | 'archiveKeys' | 'anchors'>,
): Promise<VerifyReport> {
  const problems: string[] = [];
  const dufNumbers = await context.source.dufNumbers();
  for (const duf of dufNumbers) {
    try {
      const { events, state, source } = await context.source.record(duf);
      const differences = differencesFromRecord(state, fold(events));
      if (differences.length > 0)
        problems.push(
          `case ${duf} (${source}): folding its events does not give its state (${differences.slice(0, 5).join(', ')})`,
        );
    } catch (error) {
      problems.push(`case ${duf}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const chain = await context.archive.verify();
  for (const problem of chain.problems) problems.push(`archive record ${problem.index}: ${problem.problem}`);
  const anchored = await compareWithAnchors(context.archive, context.anchors, context.archiveKeys);
  for (const problem of anchored.problems) problems.push(`archive head: ${problem}`);
  const notes = [...chain.notes];
  if (chain.unkeyed) {
    const { count, sealedBy } = chain.unkeyed;
    const range = count === 1 ? 'record 0 was' : `records 0–${count - 1} were`;
    notes.push(
      sealedBy !== undefined
        ? `${range} written before the archive was keyed: each is checked by its unkeyed SHA-256 hash, and together they are sealed by keyed record ${sealedBy}, whose MAC covers them as they stood when it was written`
        : `${range} written before the archive was keyed and are checked only by their unkeyed SHA-256 hashes; the heads published from now on (and the next keyed record) seal them`,
    );
  }
  if (anchored.heads === 0 && chain.records > 0)
    notes.push('no head of the archive was published before: this verify publishes the first');
  let published: VerifyReport['published'];
  if (problems.length === 0) {
    const publication = await publishArchiveHead(
      context.archive,
      context.anchors,
      context.archiveKeys,
      `audit verify ${os.hostname()}`,
    );
    for (const problem of publication.problems) problems.push(`archive head: ${problem}`);
    published = { count: publication.head.count, hash: publication.head.hash, to: publication.publishedTo };
  }
  return { cases: dufNumbers.length, problems, notes, ...(published ? { published } : {}) };
}

/**
 * The cases started under the first release's rules that the law asks to look at again (`firstReleaseReview`):
 * the cases keep those rules where the law allows, and are listed here where it does not.
 */
export async function reviewCases(context: Pick<AuditContext, 'source'>): Promise<{
  cases: number;
  findings: { dufNumber: string; finding: string; message: string }[];
  problems: string[];
}> {
  const findings: { dufNumber: string; finding: string; message: string }[] = [];
  const problems: string[] = [];
  const dufNumbers = await context.source.dufNumbers();
  for (const duf of dufNumbers) {
    try {
      const { events, state } = await context.source.record(duf);
      for (const found of firstReleaseReview(events, state)) findings.push({ dufNumber: duf, ...found });
    } catch (error) {
      problems.push(`case ${duf}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { cases: dufNumbers.length, findings, problems };
}

/** `saksflyt audit export|replay|verify|review|archive`. */
export function auditCommand(): Command {
  const audit = new Command('audit').description(
    'export, replay and verify case records (Temporal, or the archive after it)',
  );
  audit
    .command('export <dufNumber>')
    .description(
      'a readable case record: applicant, timeline, decisions with grounds and policy version, deadlines',
    )
    .addOption(new Option('--format <format>', 'json or pdf').choices(['json', 'pdf']).default('json'))
    .addOption(
      new Option('--lang <language>', 'the PDF case file in nb (Norwegian Bokmål) or en (English)')
        .choices(CASE_FILE_LANGUAGES)
        .default('nb'),
    )
    .option('--out <file>', 'write to this file instead of case-<duf>.<format>; - for standard output')
    .action(
      async (value: string, options: { format: 'json' | 'pdf'; lang: CaseFileLanguage; out?: string }) => {
        const duf = dufNumber(value);
        await withAudit(async ({ source }) => {
          const caseRecord = await source.record(duf);
          const record = caseExport(caseRecord);
          const body =
            options.format === 'pdf'
              ? await caseExportPdf(caseRecord, {
                  language: options.lang,
                  archive: await source.archivedRecordHash(duf),
                })
              : `${JSON.stringify(record, null, 2)}\n`;
          if (options.out === '-') {
            process.stdout.write(body);
            // What was exported goes to standard error, so that standard output is the record alone.
            console.error(`exported case ${duf} (from ${record.source}) to standard output`);
            return;
          }
          const file = options.out ?? `case-${duf}.${options.format}`;
          // A case record is personal data: the owner's alone.
          writeFileSync(file, body, { mode: 0o600 });
          console.log(`exported case ${duf} (from ${record.source}) to ${file}`);
        });
      },
    );
  audit
    .command('replay [dufNumbers...]')
    .description("replay case histories against today's workflow code; exits 1 if any fails")
    .option('--all', 'every case in Temporal and in the archive')
    .action(async (values: string[], options: { all?: boolean }) =>
      withAudit(async (context) => {
        if (!options.all && values.length === 0)
          throw new StartupError('no case named', 'give DUF numbers or --all');
        const dufNumbers = options.all ? await context.source.dufNumbers() : values.map(dufNumber);
        const bar = new SingleBar(
          { format: 'replay [{bar}] {value}/{total} cases', stream: process.stderr },
          Presets.shades_classic,
        );
        bar.start(dufNumbers.length, 0);
        const report = await replayCases(context, dufNumbers, (done) => bar.update(done));
        bar.stop();
        for (const failure of report.failed)
          console.log(`FAILED case ${failure.dufNumber}: ${failure.error}`);
        console.log(
          `replayed ${report.replayed} cases: ${report.replayed - report.failed.length} passed, ${report.failed.length} failed`,
        );
        if (report.failed.length > 0) process.exitCode = 1;
      }),
    );
  audit
    .command('verify')
    .description(
      "check that every case's events fold to its state, that the archive's keyed chain is intact and reaches every head published outside it; then publish its head",
    )
    .action(() =>
      withAudit(async (context) => {
        const { cases, problems, notes, published } = await verifyCases(context);
        for (const problem of problems) console.log(`PROBLEM ${problem}`);
        for (const note of notes) console.log(`NOTE ${note}`);
        if (published)
          console.log(
            published.to.length > 0
              ? `published the archive's head (${published.count} records, ${published.hash.slice(0, 12)}…) to ${published.to.join(' and ')}`
              : `the anchors already hold the archive's head (${published.count} records, ${published.hash.slice(0, 12)}…)`,
          );
        console.log(`verified ${cases} cases and the archive: ${problems.length} problems`);
        if (problems.length > 0) process.exitCode = 1;
      }),
    );
  audit
    .command('review')
    .description("list the cases under the first release's rules that the law asks to look at again, and why")
    .action(() =>
      withAudit(async (context) => {
        const { cases, findings, problems } = await reviewCases(context);
        for (const { dufNumber: duf, finding, message } of findings)
          console.log(`REVIEW ${duf} ${finding}: ${message}`);
        for (const problem of problems) console.log(`PROBLEM ${problem}`);
        console.log(`reviewed ${cases} cases: ${findings.length} findings, ${problems.length} problems`);
        if (problems.length > 0) process.exitCode = 1;
      }),
    );
  audit
    .command('archive <dufNumber>')
    .description('copy a case from Temporal into the archive now (closed cases are archived on their own)')
    .action((value: string) =>
      withAudit(async ({ client, archive }) => {
        const record = await archiveCase(client, archive, dufNumber(value), 'on-demand');
        console.log(
          `archived case ${record.dufNumber} as record ${record.index} (${record.hash.slice(0, 12)}…)`,
        );
      }),
    );
  return audit;
}
