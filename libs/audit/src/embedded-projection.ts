import { type ChildProcess, spawn } from 'node:child_process';
import readline from 'node:readline';

export interface EmbeddedProjectionStore {
  /** `postgres://postgres@<host>:<port>/postgres`: what the worker and the API get as SAKSFLYT_PROJECTION_URL. */
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code once the store's process is gone. */
  exited: Promise<number | null>;
  /** SIGTERM (PGlite writes its files out and stops), then SIGKILL after the grace period. */
  stop(graceMs?: number): Promise<void>;
}

/** The line the store's process prints once it listens, followed by its URL. */
export const EMBEDDED_PROJECTION_READY = 'projection store listening at';

/** The URL of the embedded store on `port`: what `npm start` gives the worker and the API, and the CLI assumes. */
export function embeddedProjectionUrl(port: number, host = '127.0.0.1'): string {
  return `postgres://postgres@${host}:${port}/postgres`;
}

/**
 * The embedded default's projection store (issue 17): PostgreSQL compiled to WASM (PGlite), its files in `folder`
 * (none: in memory), served over the PostgreSQL protocol by a process of its own, so that the worker and the API use
 * the same `pg` client and SQL as against PostgreSQL in production. PGlite runs one statement at a time; its socket
 * server queues the connections' queries. `onOutput` gets the process's other lines.
 */
export async function startEmbeddedProjectionStore(options: {
  port: number;
  host?: string;
  folder?: string;
  onOutput?: (line: string) => void;
  /** Its own process group, so a Ctrl-C reaches only the supervisor, which stops the parts in order. */
  ownProcessGroup?: boolean;
}): Promise<EmbeddedProjectionStore> {
  const args = [
    String(options.port),
    options.host ?? '127.0.0.1',
    ...(options.folder ? [options.folder] : []),
  ];
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', require.resolve('./embedded-projection.main.ts'), ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: options.ownProcessGroup ?? false,
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const output: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    for (const stream of [child.stdout, child.stderr]) {
      readline.createInterface({ input: stream }).on('line', (line) => {
        if (line.startsWith(`${EMBEDDED_PROJECTION_READY} `))
          return resolve(line.slice(EMBEDDED_PROJECTION_READY.length + 1));
        output.push(line);
        options.onOutput?.(line);
      });
    }
    void exited.then((code) =>
      reject(new Error(`the projection store exited with code ${code}: ${output.slice(-5).join(' / ')}`)),
    );
  });
  return {
    url,
    child,
    exited,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
