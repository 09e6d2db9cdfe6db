import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningDevServer } from '@saksflyt/temporal';
import { startedDespitePortRaces } from './environments';

describe('the test dev server starts despite a port taken during its start', () => {
  let dir: string;
  let dbFile: string;
  const server = { address: '127.0.0.1:1' } as RunningDevServer;
  const exited = () =>
    new Error('the Temporal dev server exited with code 2: Failed to serve on worker listener');
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'saksflyt-env-'));
    dbFile = path.join(dir, 'temporal.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  beforeAll(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));

  it('starts again on a fresh database file after an exit during start', async () => {
    let attempts = 0;
    const started = await startedDespitePortRaces(async () => {
      attempts += 1;
      // Each failed attempt leaves a half-made file behind, as the server does.
      if (attempts < 3) {
        writeFileSync(dbFile, 'half-made');
        throw exited();
      }
      expect(existsSync(dbFile)).toBe(false);
      return server;
    }, dbFile);
    expect(started).toBe(server);
    expect(attempts).toBe(3);
  });

  it('gives up after three attempts, with the last failure', async () => {
    let attempts = 0;
    await expect(
      startedDespitePortRaces(async () => {
        attempts += 1;
        throw exited();
      }, dbFile),
    ).rejects.toThrow(/exited with code 2/);
    expect(attempts).toBe(3);
  });

  it.each([
    [
      'a server that does not answer in time',
      false,
      'the Temporal dev server did not answer on 127.0.0.1:1 within 60s',
    ],
    ['a database file that was there before (a test’s own data)', true, exited().message],
  ])('does not retry %s', async (_what, fileWasThere, message) => {
    if (fileWasThere) writeFileSync(dbFile, 'cases');
    let attempts = 0;
    await expect(
      startedDespitePortRaces(async () => {
        attempts += 1;
        throw new Error(message);
      }, dbFile),
    ).rejects.toThrow(message);
    expect(attempts).toBe(1);
    expect(existsSync(dbFile)).toBe(fileWasThere);
  });
});
