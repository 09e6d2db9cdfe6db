import { status } from '@grpc/grpc-js';
import { connectClosable } from '@saksflyt/temporal';
import { startTestDevServer, type TestDevServer } from './environments';

/** The client connection the API, the CLI and the tests close at shutdown (libs/temporal/src/closable-connection.ts). */
describe('a closable connection to Temporal', () => {
  let system: TestDevServer;
  beforeAll(async () => {
    system = await startTestDevServer();
  });
  afterAll(async () => system?.stop());

  it('a call made after the connection closed is refused as CANCELLED, without throwing out of a timer', async () => {
    const connection = await connectClosable({ address: system.address });
    await connection.workflowService.getSystemInfo({});
    await connection.close();
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      await expect(connection.workflowService.getSystemInfo({})).rejects.toMatchObject({
        code: status.CANCELLED,
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    expect(uncaught).toEqual([]);
  }, 15_000);

  it('a call retrying against a stopped server ends as CANCELLED when the connection closes', async () => {
    const server = await startTestDevServer();
    const connection = await connectClosable({ address: server.address });
    await connection.workflowService.getSystemInfo({});
    await server.server.stop();
    const call = connection.workflowService.getSystemInfo({});
    const settled = call.then(
      () => 'answered',
      (error: { code?: number }) => error.code,
    );
    // UNAVAILABLE is retried; let a retry or two be scheduled before closing.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await connection.close();
    await expect(settled).resolves.toBe(status.CANCELLED);
    await server.stop().catch(() => undefined);
  }, 30_000);
});
