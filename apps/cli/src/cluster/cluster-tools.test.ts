import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StartupError } from '@saksflyt/temporal';
import { ensureClusterTools, TEMPORAL_SERVER_VERSION } from './cluster-tools';

describe('the cluster’s Temporal Server, built from its Go module', () => {
  let root: string;
  const path0 = process.env.PATH;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'saksflyt-cluster-tools-'));
  });
  afterEach(() => {
    process.env.PATH = path0;
    rmSync(root, { recursive: true, force: true });
  });

  it('names what to install, in one line, when there is no Go (npm start and npm test need none)', async () => {
    process.env.PATH = path.join(root, 'no-go-here');
    const failure = await ensureClusterTools(root, () => undefined).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StartupError);
    expect(String((failure as Error).message)).toMatch(/^Go is not installed/);
    expect((failure as StartupError).fix).toMatch(/install Go 1\.26\.8 or newer/);
  });

  it('uses a complete build as it is, and builds again what stopped halfway (no complete marker)', async () => {
    const bin = path.join(root, '.tools', `temporal-server-${TEMPORAL_SERVER_VERSION}`, 'bin');
    mkdirSync(bin, { recursive: true });
    for (const tool of ['temporal-server', 'temporal-sql-tool']) writeFileSync(path.join(bin, tool), '');
    process.env.PATH = path.join(root, 'no-go-here');
    // Half-built: without Go it cannot be built again, and says so rather than run a half-built server.
    await expect(ensureClusterTools(root, () => undefined)).rejects.toThrow(/Go is not installed/);
    writeFileSync(path.join(bin, '..', 'complete'), 'now\n');
    await expect(ensureClusterTools(root, () => undefined)).resolves.toEqual({
      server: path.join(bin, 'temporal-server'),
      sqlTool: path.join(bin, 'temporal-sql-tool'),
    });
  });
});
