import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDevServer } from './dev-server';
import { freePort } from './ports';
import { StartupError } from './startup-error';

describe('startDevServer when the server exits during start', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'saksflyt-dev-server-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names the fatal line that says why, not the last line of the stack trace after it', async () => {
    // A stand-in for the CLI that fails as the real one did in CI: a fatal log line, then Go's stack trace.
    const cli = path.join(dir, 'temporal');
    writeFileSync(
      cli,
      [
        '#!/bin/sh',
        `echo '{"level":"warn","msg":"starting"}'`,
        `echo '{"level":"fatal","msg":"Failed to serve on worker listener","error":"bind: address already in use"}'`,
        "echo 'goroutine 1 [running]:'",
        "echo '\t/go/pkg/mod/go.temporal.io/server@v1.32.0/service/worker/service.go:279 +0x287'",
        'exit 2',
        '',
      ].join('\n'),
    );
    chmodSync(cli, 0o755);

    const failure = await startDevServer({ cliPath: cli, port: await freePort(), uiPort: false }).catch(
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(StartupError);
    expect((failure as Error).message).toMatch(/exited with code 2: .*Failed to serve on worker listener/);
  });
});
