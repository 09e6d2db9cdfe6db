import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CaseEvent, CaseState } from '@saksflyt/domain';
import { aPoliceRegistration, anApplication } from '@saksflyt/domain/testing';
import { openArchive } from '@saksflyt/audit';
import { pdfText } from '@saksflyt/audit/testing';
import { repoRoot } from '@saksflyt/temporal';
import { TEST_ENCRYPTION_KEYS, testArchiveKeys } from '@saksflyt/testing';
import { caseWorkflowId } from '@saksflyt/workflows';
import { startTestSystem, TEST_USERS, type TestSystem } from '../__fixtures__/test-system';

// Internal notes (issue 14) through the HTTP API on a real dev server and worker: on an open case the workflow takes
// the note; on a closed one, whose workflow has completed, it joins the case's archived record, still verifiable.

const BIN = path.join(repoRoot(), 'apps/cli/bin/saksflyt.js');

describe('internal notes through the HTTP API', () => {
  let system: TestSystem;
  let nextDuf = 0;

  beforeAll(async () => {
    system = await startTestSystem();
  }, 120_000);
  afterAll(() => system?.stop());

  async function call(method: string, route: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${system.baseUrl}${route}`, {
      method,
      headers: {
        authorization: `Bearer ${await system.tokenOf('caseworker')}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as Record<string, unknown>,
    };
  }
  const note = (duf: string, text: unknown, idempotencyKey?: string) =>
    call(
      'POST',
      `/api/cases/${duf}/commands/addNote`,
      { text },
      idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
    );
  const events = async (duf: string) => {
    const response = await system.request('auditor', 'GET', `/api/cases/${duf}/events`);
    return {
      source: response.headers.get('x-saksflyt-source'),
      events: (await response.json()) as CaseEvent[],
    };
  };
  const exported = async (duf: string) =>
    (await (await system.request('auditor', 'GET', `/api/cases/${duf}/export`)).json()) as {
      notes: { seq: number; author: string; text: string; at: string }[];
      source: string;
    };
  const exportedPdf = async (duf: string, lang?: 'nb' | 'en') =>
    pdfText(
      Buffer.from(
        await (
          await system.request(
            'auditor',
            'GET',
            `/api/cases/${duf}/export?format=pdf${lang ? `&lang=${lang}` : ''}`,
          )
        ).arrayBuffer(),
      ),
    );
  const archivedRecords = async () =>
    (await openArchive(system.settings.dataDir, undefined, testArchiveKeys).verify()).records;

  async function openCase(): Promise<string> {
    const duf = `2026888${String(++nextDuf).padStart(5, '0')}`;
    expect((await call('POST', '/api/cases', anApplication({ dufNumber: duf }))).status).toBe(201);
    expect(
      (await call('POST', `/api/cases/${duf}/commands/registerWithPolice`, aPoliceRegistration())).status,
    ).toBe(200);
    return duf;
  }

  /** Collective protection granted closes a case at once; its workflow then archives it and completes. */
  async function closedCase(): Promise<string> {
    const duf = await openCase();
    const granted = await call('POST', `/api/cases/${duf}/commands/assessCollectiveProtection`, {
      eligible: true,
      reason: 'home oblast on the list',
    });
    expect(granted.body).toMatchObject({ closed: true });
    await system.server.client.workflow.getHandle(caseWorkflowId(duf)).result();
    return duf;
  }

  /** The `saksflyt` command on this system; not spawnSync: the worker and the API run in this process. */
  const saksflyt = (args: string[]) =>
    new Promise<{ status: number; output: string }>((resolve) => {
      execFile(
        process.execPath,
        [BIN, ...args],
        {
          env: {
            ...process.env,
            TEMPORAL_ADDRESS: system.server.address,
            SAKSFLYT_DATA_DIR: system.settings.dataDir,
            SAKSFLYT_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
          },
        },
        (error, stdout, stderr) =>
          resolve({
            status: error ? Number((error as { code?: number }).code ?? 1) : 0,
            output: `${stdout}${stderr}`.trim(),
          }),
      );
    });

  it('on an open case: the workflow records it, and the events, JSON and PDF exports show it', async () => {
    const duf = await openCase();
    const answer = await note(duf, 'Applicant called: she has moved to Bergen.');
    expect(answer.status).toBe(200);
    const { events: recorded, source } = await events(duf);
    expect(source).toBe('projection');
    const added = recorded.at(-1);
    expect(added).toMatchObject({
      type: 'NoteAdded',
      seq: (answer.body as unknown as CaseState).lastEventSeq,
      actor: { id: TEST_USERS.caseworker, role: 'caseworker' },
      data: { text: 'Applicant called: she has moved to Bergen.' },
    });
    expect((await exported(duf)).notes).toEqual([
      {
        seq: added?.seq,
        at: added?.at,
        author: `${TEST_USERS.caseworker} (caseworker)`,
        text: 'Applicant called: she has moved to Bergen.',
      },
    ]);
    expect(await exportedPdf(duf)).toContain('Applicant called: she has moved to Bergen.');
    // The case file is Norwegian unless asked for in English; an open case says it is not archived yet.
    expect(await exportedPdf(duf)).toContain('Saksmappe');
    expect(await exportedPdf(duf)).toContain('Saken er ikke arkivert ennå');
    expect(await exportedPdf(duf, 'en')).toContain('The case is not archived yet');
    const badLanguage = await system.request('auditor', 'GET', `/api/cases/${duf}/export?format=pdf&lang=uk`);
    expect(badLanguage.status).toBe(400);
    expect(JSON.stringify(await badLanguage.json())).toContain('nb (Norwegian Bokmål) or en (English)');
  });

  it('on a closed case: 200 with the new state, on its archived record, in the exports, once per Idempotency-Key, and audit verify passes', async () => {
    const duf = await closedCase();
    const before = await events(duf);
    expect(before.source).toBe('projection');
    const lastSeq = before.events.at(-1)?.seq ?? 0;
    const recordsBefore = await archivedRecords();

    const answer = await note(duf, 'Travel costs refunded by phone.', 'note-once-1');
    expect(answer).toMatchObject({ status: 200, body: { closed: true, lastEventSeq: lastSeq + 1 } });
    // The same request again (a retry): the same answer, and the note is not added twice.
    expect(await note(duf, 'Travel costs refunded by phone.', 'note-once-1')).toMatchObject({
      status: 200,
      body: { lastEventSeq: lastSeq + 1 },
    });
    expect(await archivedRecords()).toBe(recordsBefore + 1);

    const after = await events(duf);
    // The note joined the archived record (the evidence), then the projection, which the reads come from.
    expect(after.source).toBe('projection');
    expect(after.events.slice(0, -1)).toEqual(before.events);
    expect(after.events.at(-1)).toMatchObject({
      seq: lastSeq + 1,
      type: 'NoteAdded',
      actor: { id: TEST_USERS.caseworker },
      data: { text: 'Travel costs refunded by phone.' },
    });
    expect(
      (await system.request('auditor', 'GET', `/api/cases/${duf}`).then((r) => r.json())) as CaseState,
    ).toMatchObject({
      lastEventSeq: lastSeq + 1,
    });
    expect((await exported(duf)).notes).toMatchObject([
      { seq: lastSeq + 1, text: 'Travel costs refunded by phone.' },
    ]);
    expect(await exportedPdf(duf)).toContain('Travel costs refunded by phone.');
    // The case file names the archive record it was read from by its hash, for a reader to verify against the chain.
    const newest = await openArchive(system.settings.dataDir, undefined, testArchiveKeys).latest(duf);
    expect(newest?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await exportedPdf(duf, 'en')).toContain(newest?.hash ?? 'no archive record');

    // Any other command on a closed case stays a 409.
    expect(
      await call('POST', `/api/cases/${duf}/commands/withdraw`, { receivedAt: new Date().toISOString() }),
    ).toMatchObject({
      status: 409,
      body: { error: 'InvalidTransition' },
    });

    // The CLI adds one too, to the archived record, as a caseworker account.
    const cli = await saksflyt([
      'cases',
      'note',
      duf,
      '--as',
      TEST_USERS.caseworker,
      '--text',
      'Called back from the CLI.',
    ]);
    expect(cli.output).toContain(
      `note added to closed case ${duf} as event ${lastSeq + 2}, on its archived record`,
    );
    expect(cli.status).toBe(0);
    expect((await exported(duf)).notes.map((entry) => entry.text)).toEqual([
      'Travel costs refunded by phone.',
      'Called back from the CLI.',
    ]);

    const verified = await saksflyt(['audit', 'verify']);
    expect(verified.output).toMatch(/verified \d+ cases and the archive: 0 problems/);
    expect(verified.status).toBe(0);

    // A note rewritten in the archive is caught by the next verify.
    const chain = path.join(system.settings.dataDir, 'archive', 'chain.jsonl');
    const intact = readFileSync(chain, 'utf8');
    writeFileSync(chain, intact.replace('Called back from the CLI.', 'Never called.'));
    const tampered = await saksflyt(['audit', 'verify']);
    expect(tampered.output).toMatch(/PROBLEM archive record \d+: its content does not match its hash/);
    expect(tampered.status).toBe(1);
    writeFileSync(chain, intact);
  }, 120_000);

  it('refuses a blank or oversized note on a closed case with a 400 naming text, and appends nothing', async () => {
    const duf = await closedCase();
    await note(duf, 'a first note, so that the case is on the archive path');
    const recordsBefore = await archivedRecords();
    const seqBefore = (await events(duf)).events.length;
    for (const text of ['   ', 'x'.repeat(4001)]) {
      const refused = await note(duf, text);
      expect(refused).toMatchObject({
        status: 400,
        body: { error: 'ValidationError', issues: [{ path: ['text'] }] },
      });
    }
    expect(await archivedRecords()).toBe(recordsBefore);
    expect((await events(duf)).events).toHaveLength(seqBefore);
    // Through the CLI, the domain's own check refuses it in one line.
    const cli = await saksflyt(['cases', 'note', duf, '--as', TEST_USERS.caseworker, '--text', '  ']);
    expect(cli.status).toBe(1);
    expect(cli.output).toMatch(/the note was refused: addNote: text: must not be blank/);
    expect(await archivedRecords()).toBe(recordsBefore);
  }, 120_000);

  it('through the CLI on an open case: the workflow takes it; an auditor account cannot write one', async () => {
    const duf = await openCase();
    const cli = await saksflyt([
      'cases',
      'note',
      duf,
      '--as',
      TEST_USERS.caseworker,
      '--text',
      'Open-case note from the CLI.',
    ]);
    expect(cli.output).toMatch(new RegExp(`^note added to case ${duf} as event \\d+$`));
    expect(cli.status).toBe(0);
    expect((await events(duf)).events.at(-1)).toMatchObject({
      type: 'NoteAdded',
      data: { text: 'Open-case note from the CLI.' },
    });
    const auditor = await saksflyt(['cases', 'note', duf, '--as', TEST_USERS.auditor, '--text', 'nope']);
    expect(auditor.status).toBe(1);
    expect(auditor.output).toContain('is an auditor');
  }, 60_000);
});
