import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FileOutbox } from './file-outbox';
import { createActivities } from './index';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'saksflyt-outbox-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

const listing = (port: string) => readdir(path.join(dataDir, 'outbox', port));
const record = async (port: string, file: string) =>
  JSON.parse(await readFile(path.join(dataDir, 'outbox', port, file), 'utf8')) as Record<string, unknown>;

describe('the file outbox (the embedded default)', () => {
  it('keeps each message readable by its owner alone: folders 0700, files 0600, whatever the umask (issue 13, finding 5)', async () => {
    const previous = process.umask(0o022);
    try {
      await new FileOutbox(dataDir, 'police').deliver('case-202412345678:3', { kind: 'notify-police' });
    } finally {
      process.umask(previous);
    }
    const folder = path.join(dataDir, 'outbox', 'police');
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
    const [file] = await listing('police');
    expect((await stat(path.join(folder, file ?? ''))).mode & 0o777).toBe(0o600);
  });

  it('writes one file per key, holding what would have been sent', async () => {
    const activities = createActivities({ dataDir });
    const dufNumber = '202412345678';

    await activities.notifyPolice({
      key: 'case-202412345678:9',
      dufNumber,
      reason: 'departure-deadline-passed',
    });
    await activities.notifyPolice({
      key: 'case-202412345678:12',
      dufNumber,
      reason: 'departure-deadline-passed',
    });
    await activities.sendDublinRequest({
      key: 'case-202412345678:4',
      dufNumber,
      responsibleState: 'SE',
      procedure: 'take-charge',
      eurodacHit: false,
      replyDueAt: '2027-02-01T12:00:00Z',
    });

    expect((await listing('police')).sort()).toEqual([
      'case-202412345678~12.json',
      'case-202412345678~9.json',
    ]);
    expect(await listing('dublinUnit')).toEqual(['case-202412345678~4.json']);
    expect(await record('police', 'case-202412345678~9.json')).toEqual({
      key: 'case-202412345678:9',
      channel: 'outbox:police',
      deliveredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      message: {
        kind: 'notify-police',
        key: 'case-202412345678:9',
        dufNumber,
        reason: 'departure-deadline-passed',
      },
    });
  });

  it('keeps the first delivery of a key and answers the second as a duplicate', async () => {
    const outbox = new FileOutbox<{ text: string }>(dataDir, 'sms');

    const first = await outbox.deliver('case-202412345678:3', { text: 'first' });
    const second = await outbox.deliver('case-202412345678:3', { text: 'second' });

    expect(first.duplicate).toBe(false);
    expect(second).toEqual({ ...first, duplicate: true });
    expect(await listing('sms')).toEqual(['case-202412345678~3.json']);
    expect(await record('sms', 'case-202412345678~3.json')).toMatchObject({ message: { text: 'first' } });
  });

  it('lets exactly one of several racing attempts deliver, and leaves no temporary files', async () => {
    const outbox = new FileOutbox<{ attempt: number }>(dataDir, 'une');

    const receipts = await Promise.all(
      Array.from({ length: 8 }, (_, attempt) => outbox.deliver('case-202412345678:5', { attempt })),
    );

    expect(receipts.filter((receipt) => !receipt.duplicate)).toHaveLength(1);
    expect(new Set(receipts.map((receipt) => receipt.deliveredAt)).size).toBe(1);
    expect(await listing('une')).toEqual(['case-202412345678~5.json']);
  });
});
