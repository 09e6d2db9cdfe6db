import type { INestApplication } from '@nestjs/common';
import { createActivities } from '@saksflyt/activities';
import { loadSettings } from '@saksflyt/temporal';
import { createTestWorker, startTestDevServer, type TestDevServer, testKeyRing } from '@saksflyt/testing';
import { createApp } from '../create-app';

describe('GET /api/health against the real dev server', () => {
  let server: TestDevServer;
  let app: INestApplication;
  let baseUrl: string;
  const lifecycle = { shuttingDown: false };

  beforeAll(async () => {
    server = await startTestDevServer();
    // A task queue of its own, so no other suite's worker makes this one look healthy.
    const settings = loadSettings({
      TEMPORAL_ADDRESS: server.address,
      TEMPORAL_TASK_QUEUE: 'health-check-queue',
      SAKSFLYT_API_LOG_LEVEL: 'warn',
    });
    app = await createApp(settings, server.client, testKeyRing, { lifecycle });
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    await server?.stop();
  });

  it('answers 503 naming the missing worker while Temporal is up but nothing polls the task queue', async () => {
    const response = await fetch(`${baseUrl}/api/health`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      temporal: 'up',
      worker: 'absent',
      healthy: false,
      detail: 'no worker polls task queue health-check-queue',
    });
  });

  it('answers 200 once a worker polls the task queue', async () => {
    const worker = await createTestWorker({
      connection: server.connection,
      taskQueue: 'health-check-queue',
      workflowsPath: require.resolve('@saksflyt/workflows'),
      activities: createActivities({ dataDir: server.dataDir }),
    });
    await worker.runUntil(async () => {
      let response = await fetch(`${baseUrl}/api/health`);
      for (let attempt = 0; response.status !== 200 && attempt < 50; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        response = await fetch(`${baseUrl}/api/health`);
      }
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ temporal: 'up', worker: 'polling', healthy: true });
    });
  });

  it('is live and ready without a worker: an orchestrator should route requests to it and not restart it', async () => {
    expect(await (await fetch(`${baseUrl}/api/health/live`)).json()).toEqual({ live: true });
    const ready = await fetch(`${baseUrl}/api/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true });
  });

  it('turns unready (503) once asked to shut down, while still live', async () => {
    lifecycle.shuttingDown = true;
    try {
      const ready = await fetch(`${baseUrl}/api/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ ready: false, detail: 'shutting down' });
      expect((await fetch(`${baseUrl}/api/health/live`)).status).toBe(200);
    } finally {
      lifecycle.shuttingDown = false;
    }
  });

  it('serves the admin UI page at /', async () => {
    const response = await fetch(`${baseUrl}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('<h1>Saksflyt</h1>');
  });
});
