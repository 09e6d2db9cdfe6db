import net from 'node:net';
import { StartupError } from './startup-error';

function tryListen(port: number, host: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(undefined));
    server.listen({ port, host, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : undefined;
      server.close(() => resolve(bound));
    });
  });
}

/** Stops start-up with the variable to change when something else already listens on `port`. */
export async function assertPortFree(port: number, host: string, variable: string): Promise<void> {
  if ((await tryListen(port, host)) === undefined) {
    throw new StartupError(
      `port ${port} on ${host} is already in use`,
      `stop whatever listens there (a second "npm start"?) or set ${variable} to a free port`,
    );
  }
}

/** A port the OS says is free now; tests use it to run beside a running `npm start`. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const port = await tryListen(0, host);
  if (port === undefined) throw new Error(`no free port on ${host}`);
  return port;
}
