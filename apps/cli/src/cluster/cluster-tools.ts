import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { StartupError } from '@saksflyt/temporal';

/**
 * The Temporal Server the cluster runs, built from its Go module. 1.32.1 is the newest that builds with the Go this
 * machine kind has (1.26.8; 1.32.2 asks for 1.26.10), and the CLI dev server of `npm start` embeds 1.32.0: the same
 * server, so what is proven on one holds on the other (docs/notes: a 5½-minute build, once).
 */
export const TEMPORAL_SERVER_VERSION = '1.32.1';
const MODULE = 'go.temporal.io/server';

export interface ClusterTools {
  /** `temporal-server`: every service of the cluster, one per process (`start --service <name>`). */
  server: string;
  /** `temporal-sql-tool`: creates and updates the schemas, from the ones built into it (`--schema-name`). */
  sqlTool: string;
}

/**
 * The server and its schema tool under `.tools/temporal-server-<version>/bin/`, built from the Go module once (Go's
 * module and build caches stay under `.tools/go/`, so a rebuild is fast and `rm -rf .tools` removes all of it). A
 * build that stopped halfway is started again: the folder counts only once it holds its `complete` marker.
 */
export async function ensureClusterTools(root: string, log: (line: string) => void): Promise<ClusterTools> {
  const folder = path.join(root, '.tools', `temporal-server-${TEMPORAL_SERVER_VERSION}`);
  const bin = path.join(folder, 'bin');
  const tools = { server: path.join(bin, 'temporal-server'), sqlTool: path.join(bin, 'temporal-sql-tool') };
  const complete = path.join(folder, 'complete');
  if (existsSync(complete) && existsSync(tools.server) && existsSync(tools.sqlTool)) return tools;

  const go = spawnSync('go', ['version'], { encoding: 'utf8', env: process.env });
  if (go.error || go.status !== 0)
    throw new StartupError(
      'Go is not installed, and npm run cluster builds the Temporal Server from its Go module',
      'install Go 1.26.8 or newer (Debian: apt-get install golang-go; or https://go.dev/dl/) and run it again; ' +
        'npm start and npm test need no Go',
    );
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(bin, { recursive: true });
  const goHome = path.join(root, '.tools', 'go');
  const env = {
    ...process.env,
    GOPATH: goHome,
    GOMODCACHE: path.join(goHome, 'pkg', 'mod'),
    GOCACHE: path.join(goHome, 'cache'),
    GOBIN: bin,
    // The Go installed, never a download of another: the module proxy is all this machine reaches.
    GOTOOLCHAIN: 'local',
    // The module cache writable, so that `rm -rf .tools` can remove it.
    GOFLAGS: '-modcacherw',
  };
  for (const [what, pkg, binary, target] of [
    ['the Temporal Server', `${MODULE}/cmd/server`, 'server', tools.server],
    ['its schema tool', `${MODULE}/cmd/tools/sql`, 'sql', tools.sqlTool],
  ] as const) {
    log(
      `Building ${what} ${TEMPORAL_SERVER_VERSION} from its Go module (once; the server takes ~6 min here) …`,
    );
    await goInstall(`${pkg}@v${TEMPORAL_SERVER_VERSION}`, env, log);
    renameSync(path.join(bin, binary), target);
  }
  writeFileSync(complete, `${new Date().toISOString()}\n`);
  return tools;
}

async function goInstall(module: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  const startedAt = Date.now();
  const child = spawn('go', ['install', module], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    output.splice(0, Math.max(0, output.length - 20));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  // A progress line every half minute: a build that runs for minutes should not look like a hang.
  const progress = setInterval(
    () => log(`  … still building ${module} (${Math.round((Date.now() - startedAt) / 1000)} s)`),
    30_000,
  );
  const code = await new Promise<number | null>((resolve) => {
    child.once('error', () => resolve(-1));
    child.once('exit', resolve);
  });
  clearInterval(progress);
  if (code !== 0)
    throw new StartupError(
      `go install ${module} failed (exit code ${code}): ${output.slice(-5).join(' | ') || 'no output'}`,
      'check that the Go module proxy is reachable (GOPROXY) and the Go version is new enough; run it again ' +
        'to retry, or npm run cluster -- --reset to start from nothing',
    );
  log(`  built ${module} in ${Math.round((Date.now() - startedAt) / 1000)} s`);
}
