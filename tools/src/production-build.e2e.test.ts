import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { freePort, repoRoot } from '@saksflyt/temporal';
import { startTestDevServer, TEST_ENCRYPTION_KEYS, type TestDevServer } from '@saksflyt/testing';

// The Dockerfile runs `node apps/*/dist/main.js`: prove those files start and serve, here where no Docker runs.
const root = repoRoot();

function run(entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [path.join(root, entry)], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

describe('the production build (what the Docker images run)', () => {
  let server: TestDevServer;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    execFileSync(
      'npx',
      [
        'nx',
        'run-many',
        '-t',
        'build',
        '--projects=@saksflyt/api,@saksflyt/worker,@saksflyt/admin-ui',
        '--skip-nx-cache',
      ],
      {
        cwd: root,
        env: { ...process.env, NX_DAEMON: 'false' },
        stdio: 'ignore',
      },
    );
    server = await startTestDevServer();
  }, 180_000);

  afterAll(async () => {
    for (const child of children) await stop(child);
    await server?.stop();
  });

  it('runs the bundled worker on the prebuilt workflow bundle and the bundled API, which reports healthy', async () => {
    const port = await freePort();
    const env = {
      TEMPORAL_ADDRESS: server.address,
      TEMPORAL_TASK_QUEUE: 'production-build-check',
      SAKSFLYT_API_PORT: String(port),
      SAKSFLYT_DATA_DIR: server.dataDir,
      SAKSFLYT_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
    };
    children.push(run('apps/worker/dist/main.js', env), run('apps/api/dist/main.js', env));

    let status = 0;
    for (let attempt = 0; attempt < 150 && status !== 200; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = (await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined))?.status ?? 0;
    }
    expect(status).toBe(200);
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(await page.text()).toContain('<h1>Saksflyt</h1>');
    const app = await fetch(`http://127.0.0.1:${port}/build/app.js`);
    expect(app.status).toBe(200);
    expect(app.headers.get('content-type')).toContain('javascript');
  });
});
