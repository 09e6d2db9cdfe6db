import { createHmac, timingSafeEqual } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow';
import { GENESIS_HASH, type ArchiveHead, type ArchiveKeys, type CaseArchive } from './archive';

/**
 * A head of the archive's chain as published outside it: how many records, the last one's hash, when, by whom,
 * and an HMAC under the archive key over all of it, so that a head nobody published cannot be slipped in.
 */
export interface PublishedHead extends ArchiveHead {
  publishedAt: string;
  /** Who published it: `worker <host>/<pid>` on the worker's schedule, `audit verify <host>` on a verify. */
  by: string;
  keyId: string;
  mac: string;
}

const headText = (head: Omit<PublishedHead, 'mac' | 'keyId'>) =>
  JSON.stringify([
    'saksflyt-archive-head',
    head.count,
    head.hash,
    head.keyedFrom ?? null,
    head.publishedAt,
    head.by,
  ]);

export function sealHead(head: ArchiveHead, keys: ArchiveKeys, by: string, now = new Date()): PublishedHead {
  const published = {
    count: head.count,
    hash: head.hash,
    ...(head.keyedFrom !== undefined ? { keyedFrom: head.keyedFrom } : {}),
    publishedAt: now.toISOString(),
    by,
  };
  return {
    ...published,
    keyId: keys.current.id,
    mac: createHmac('sha256', keys.current.key).update(headText(published)).digest('hex'),
  };
}

/** What is wrong with a published head's MAC, if anything. */
export function publishedHeadProblem(head: PublishedHead, keys: ArchiveKeys): string | undefined {
  if (typeof head?.count !== 'number' || typeof head.hash !== 'string' || typeof head.mac !== 'string')
    return 'is not a published head';
  const key = keys.find(head.keyId);
  if (!key) return `is signed with archive key "${head.keyId}", which is not among the archive keys given`;
  const expected = createHmac('sha256', key.key).update(headText(head)).digest();
  const given = Buffer.from(head.mac, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected)
    ? undefined
    : 'does not match its MAC: it was not published by Saksflyt, or was changed';
}

export interface AnchorReading {
  /** Every head this anchor still holds, oldest first. */
  heads: PublishedHead[];
  /** What the anchor itself found wrong (an unreadable line, a head that went back). */
  problems: string[];
}

/** A place outside the archive that keeps the heads published to it. */
export interface HeadAnchor {
  readonly name: string;
  read(): Promise<AnchorReading>;
  publish(head: PublishedHead): Promise<void>;
}

/**
 * A file of published heads, one JSON line each, appended to and never rewritten: the last line is the latest head.
 * Keep it outside the archive folder (the settings refuse otherwise) and ship it elsewhere (syslog, a WORM bucket,
 * another host): a copy out of the storage admin's reach is what makes it an anchor.
 */
export class FileHeadAnchor implements HeadAnchor {
  readonly name: string;

  constructor(readonly file: string) {
    this.name = `the head file ${file}`;
  }

  async read(): Promise<AnchorReading> {
    if (!existsSync(this.file)) return { heads: [], problems: [] };
    const heads: PublishedHead[] = [];
    const problems: string[] = [];
    readFileSync(this.file, 'utf8')
      .split('\n')
      .forEach((line, number) => {
        if (!line.trim()) return;
        try {
          heads.push(JSON.parse(line) as PublishedHead);
        } catch {
          problems.push(`line ${number + 1} is not a published head: the file was changed`);
        }
      });
    return { heads, problems };
  }

  async publish(head: PublishedHead): Promise<void> {
    mkdirSync(path.dirname(this.file), { recursive: true });
    // One write of one line with O_APPEND: workers publishing at once do not interleave.
    appendFileSync(this.file, `${JSON.stringify(head)}\n`, { mode: 0o600 });
  }
}

/** The workflow type, id and signal of the head workflow (workflows/src/archive-head.workflow.ts). */
export const ARCHIVE_HEAD_WORKFLOW = 'archiveHead';
export const ARCHIVE_HEAD_WORKFLOW_ID = 'saksflyt-archive-head';
export const PUBLISH_HEAD_SIGNAL = 'publishHead';

/** What the head workflow carries across continue-as-new: its latest head, and every head that went back. */
interface CarriedHeads {
  latest?: PublishedHead;
  conflicts?: { head: PublishedHead; after: PublishedHead }[];
}

/**
 * The Temporal namespace as an anchor: each head is a signal to one long-running `archiveHead` workflow, so its
 * history holds every head published since it last continued as new, and its input the latest before that. The
 * current run is never deleted by retention, so the latest head stays as long as the workflow runs. Operators of the
 * archive's storage cannot write Temporal's history; the heads are encrypted there like every payload.
 */
export class TemporalHeadAnchor implements HeadAnchor {
  readonly name: string;

  constructor(
    private readonly client: Client,
    private readonly options: { taskQueue: string; workflowId?: string },
  ) {
    this.name = `the Temporal workflow ${this.workflowId}`;
  }

  private get workflowId(): string {
    return this.options.workflowId ?? ARCHIVE_HEAD_WORKFLOW_ID;
  }

  async read(): Promise<AnchorReading> {
    let history;
    try {
      history = await this.client.workflow.getHandle(this.workflowId).fetchHistory();
    } catch (error) {
      if (error instanceof WorkflowNotFoundError || (error as { code?: number }).code === 5)
        return { heads: [], problems: [] };
      throw error;
    }
    const converter = this.client.options.loadedDataConverter;
    const heads: PublishedHead[] = [];
    const problems: string[] = [];
    for (const event of history.events ?? []) {
      const started = event.workflowExecutionStartedEventAttributes;
      if (started) {
        const [carried] = (await decodeArrayFromPayloads(converter, started.input?.payloads)) as [
          CarriedHeads | undefined,
        ];
        if (carried?.latest) heads.push(carried.latest);
        for (const conflict of carried?.conflicts ?? [])
          problems.push(
            `a head of ${conflict.head.count} records (${conflict.head.hash.slice(0, 12)}…) was published at ${conflict.head.publishedAt}, after one of ${conflict.after.count} records (${conflict.after.hash.slice(0, 12)}…): the archive went back`,
          );
      }
      const signalled = event.workflowExecutionSignaledEventAttributes;
      if (signalled?.signalName === PUBLISH_HEAD_SIGNAL) {
        const [head] = (await decodeArrayFromPayloads(converter, signalled.input?.payloads)) as [
          PublishedHead,
        ];
        heads.push(head);
      }
    }
    return { heads, problems };
  }

  async publish(head: PublishedHead): Promise<void> {
    await this.client.workflow.signalWithStart(ARCHIVE_HEAD_WORKFLOW, {
      workflowId: this.workflowId,
      taskQueue: this.options.taskQueue,
      args: [{}],
      signal: PUBLISH_HEAD_SIGNAL,
      signalArgs: [head],
    });
  }
}

const short = (hash: string) => `${hash.slice(0, 12)}…`;

/**
 * Checks every head the anchors hold against the archive: each must be signed with the archive key, and the archive
 * must still reach it (have as many records, the last of them with that hash). A head the archive no longer reaches
 * means records were removed, or the chain was rewritten, after it was published.
 */
export async function compareWithAnchors(
  archive: CaseArchive,
  anchors: readonly HeadAnchor[],
  keys: ArchiveKeys,
): Promise<{ problems: string[]; heads: number }> {
  const problems: string[] = [];
  let count = 0;
  for (const anchor of anchors) {
    let reading: AnchorReading;
    try {
      reading = await anchor.read();
    } catch (error) {
      problems.push(`cannot read ${anchor.name}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    problems.push(...reading.problems.map((problem) => `${anchor.name}: ${problem}`));
    const signed = reading.heads.filter((head) => {
      const wrong = publishedHeadProblem(head, keys);
      if (wrong) problems.push(`${anchor.name}: the head published at ${head?.publishedAt} ${wrong}`);
      return !wrong;
    });
    count += signed.length;
    problems.push(...(await unreached(archive, signed)).map((problem) => `${anchor.name}: ${problem}`));
  }
  return { problems, heads: count };
}

/** The heads the archive no longer reaches: the first of them named, the rest counted. */
async function unreached(archive: CaseArchive, heads: readonly PublishedHead[]): Promise<string[]> {
  const hashes = await archive.hashesAt([
    ...new Set(heads.filter((h) => h.count > 0).map((h) => h.count - 1)),
  ]);
  const missed = heads.filter((head) =>
    head.count === 0 ? head.hash !== GENESIS_HASH : hashes.get(head.count - 1) !== head.hash,
  );
  const [first] = missed;
  if (!first) return [];
  const stored = hashes.get(first.count - 1);
  const what =
    stored === undefined
      ? `the archive no longer has record ${first.count - 1}: records were removed from the end`
      : `record ${first.count - 1} no longer has that hash (it has ${short(stored)}): the chain was rewritten`;
  return [
    `the head published at ${first.publishedAt} by ${first.by} (${first.count} records, ${short(first.hash)}) is not in the archive: ${what}` +
      (missed.length > 1 ? `; ${missed.length - 1} later published head(s) are not in it either` : ''),
  ];
}

export interface Publication {
  head: ArchiveHead;
  /** The anchors the head went to now (none when each already held it). */
  publishedTo: string[];
  problems: string[];
}

/**
 * Publishes the archive's head to every anchor that does not hold it yet, but only after checking that the archive
 * still reaches the latest head each anchor holds: a rewritten chain is never published, so the anchors' heads
 * always extend one another, and the latest of them vouches for every record before it.
 */
export async function publishArchiveHead(
  archive: CaseArchive,
  anchors: readonly HeadAnchor[],
  keys: ArchiveKeys,
  by: string,
): Promise<Publication> {
  const head = await archive.head();
  const problems: string[] = [];
  const readings: { anchor: HeadAnchor; latest?: PublishedHead }[] = [];
  for (const anchor of anchors) {
    try {
      const { heads } = await anchor.read();
      const signed = heads.filter((candidate) => !publishedHeadProblem(candidate, keys));
      const latest = signed.reduce<PublishedHead | undefined>(
        (best, candidate) => (!best || candidate.count >= best.count ? candidate : best),
        undefined,
      );
      problems.push(...(await unreached(archive, latest ? [latest] : [])).map((p) => `${anchor.name}: ${p}`));
      readings.push({ anchor, ...(latest ? { latest } : {}) });
    } catch (error) {
      problems.push(`cannot read ${anchor.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (problems.length > 0 || head.count === 0) return { head, publishedTo: [], problems };
  const sealed = sealHead(head, keys, by);
  const publishedTo: string[] = [];
  for (const { anchor, latest } of readings) {
    if (latest && latest.count === head.count && latest.hash === head.hash) continue;
    try {
      await anchor.publish(sealed);
      publishedTo.push(anchor.name);
    } catch (error) {
      problems.push(
        `cannot publish to ${anchor.name}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return { head, publishedTo, problems };
}

/** The anchors a deployment publishes to: the head file, and the head workflow in Temporal when there is a client. */
export function openAnchors(options: {
  anchorFile: string;
  client?: Client;
  taskQueue: string;
}): HeadAnchor[] {
  return [
    new FileHeadAnchor(options.anchorFile),
    ...(options.client ? [new TemporalHeadAnchor(options.client, { taskQueue: options.taskQueue })] : []),
  ];
}

/**
 * The worker's schedule: publishes the head at start and then every `everySeconds` (when it moved), and reports
 * what it finds wrong, e.g. a chain that no longer reaches a published head (it then publishes nothing).
 */
export function startHeadPublisher(options: {
  archive: CaseArchive;
  anchors: readonly HeadAnchor[];
  keys: ArchiveKeys;
  everySeconds: number;
  by: string;
  onProblem: (problem: string) => void;
  onPublished?: (publication: Publication) => void;
}): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    running = publishArchiveHead(options.archive, options.anchors, options.keys, options.by)
      .then((publication) => {
        for (const problem of publication.problems) options.onProblem(problem);
        if (publication.publishedTo.length > 0) options.onPublished?.(publication);
      })
      .catch((error: unknown) =>
        options.onProblem(
          `cannot publish the archive's head: ${error instanceof Error ? error.message : String(error)}`,
        ),
      )
      .finally(() => (busy = false));
  };
  if (options.everySeconds <= 0) return { stop: async () => undefined };
  tick();
  const timer = setInterval(tick, options.everySeconds * 1000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
