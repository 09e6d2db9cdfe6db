import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { repoRoot, SettingsSchema } from '@saksflyt/temporal';

// No Docker engine runs on these machines: what can be checked without one is that the files parse and wire the
// production shape together with settings the code really reads.
const root = repoRoot();
const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'));
const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');

interface Service {
  image?: string;
  build?: { context: string; target: string };
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }>;
  deploy?: { replicas?: number };
  stop_grace_period?: string;
  healthcheck?: { test: string[] };
}
const services = compose.services as Record<string, Service>;
const dockerStages = [...dockerfile.matchAll(/^FROM\s+\S+\s+AS\s+(\S+)/gim)].map((match) => match[1]);

describe('docker-compose.yml, the production shape', () => {
  it('runs Temporal on PostgreSQL with the auto-setup image, waiting for the database to be healthy', () => {
    expect(services.postgresql?.image).toMatch(/^postgres:\d+/);
    expect(services.temporal?.image).toMatch(/^temporalio\/auto-setup:\d+\.\d+\.\d+$/);
    expect(services.temporal?.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgresql' });
    expect(services.temporal?.depends_on?.postgresql?.condition).toBe('service_healthy');
  });

  it('wires the Temporal UI to the Temporal server', () => {
    expect(services['temporal-ui']?.image).toMatch(/^temporalio\/ui:\d+\.\d+\.\d+$/);
    expect(services['temporal-ui']?.environment?.TEMPORAL_ADDRESS).toBe('temporal:7233');
  });

  it.each(['worker', 'api'])(
    'builds the %s from a stage of the repository Dockerfile, pointed at the temporal service',
    (name) => {
      const service = services[name];
      expect(service?.build?.context).toBe('.');
      expect(dockerStages).toContain(service?.build?.target);
      expect(service?.environment?.TEMPORAL_ADDRESS).toBe('temporal:7233');
      expect(service?.environment?.TEMPORAL_TASK_QUEUE).toBe('protection-cases');
      expect(service?.depends_on?.temporal?.condition).toBe('service_healthy');
    },
  );

  it('gives every worker and API one key ring from the environment, required, never a default', () => {
    for (const name of ['worker', 'api']) {
      expect(services[name]?.environment?.SAKSFLYT_ENCRYPTION_KEYS).toMatch(
        /^\$\{SAKSFLYT_ENCRYPTION_KEYS:\?/,
      );
    }
  });

  it('lets the Temporal UI decode payloads through the API codec, which allows its origin', () => {
    const ui = services['temporal-ui']?.environment ?? {};
    expect(ui.TEMPORAL_CODEC_ENDPOINT).toBe('http://localhost:3000/codec');
    expect(ui.TEMPORAL_CODEC_INCLUDE_CREDENTIALS).toBe('true');
    const uiPort = (compose.services['temporal-ui'].ports as string[])[0]?.split(':')[0];
    expect(services.api?.environment?.SAKSFLYT_CODEC_CORS_ORIGINS).toBe(`http://localhost:${uiPort}`);
  });

  it('runs two workers on the one task queue', () => {
    expect(services.worker?.deploy?.replicas).toBe(2);
  });

  it('checks the API through its readiness route and each worker through its metrics endpoint', () => {
    expect(services.api?.healthcheck?.test.join(' ')).toContain('/api/health/ready');
    const port = services.worker?.environment?.SAKSFLYT_WORKER_METRICS_PORT;
    expect(services.worker?.healthcheck?.test.join(' ')).toContain(`http://127.0.0.1:${port}/metrics`);
    expect(services.worker?.environment?.SAKSFLYT_WORKER_METRICS_HOST).toBe('0.0.0.0');
  });

  it("serves the API's metrics on a port of their own that the compose file does not publish", () => {
    const metricsPort = String(services.api?.environment?.SAKSFLYT_API_METRICS_PORT);
    expect(metricsPort).toMatch(/^\d+$/);
    expect(metricsPort).not.toBe(String(services.api?.environment?.SAKSFLYT_API_PORT));
    const published = (compose.services.api.ports as string[]).map((mapping) => mapping.split(':').at(-1));
    expect(published).not.toContain(metricsPort);
  });

  it('gives a stopping worker longer than its shutdown grace, so activities in flight can finish', () => {
    const grace = Number(services.worker?.environment?.SAKSFLYT_WORKER_SHUTDOWN_GRACE_SECONDS);
    expect(Number.parseInt(String(services.worker?.stop_grace_period), 10)).toBeGreaterThan(grace);
  });

  it('sets only variables that Saksflyt reads, so a typo cannot hide in the compose file', () => {
    const known = Object.keys(SettingsSchema.shape);
    for (const name of ['worker', 'api']) {
      for (const variable of Object.keys(services[name]?.environment ?? {}))
        expect(known).toContain(variable);
    }
  });
});

describe('Dockerfile', () => {
  it('is multi-stage and runs the apps as a non-root user', () => {
    expect(dockerStages).toEqual(expect.arrayContaining(['build', 'runtime', 'api', 'worker']));
    const runtime = dockerfile.slice(dockerfile.search(/AS runtime/));
    expect(runtime).toMatch(/^USER node$/m);
  });

  it('starts the built apps, not the TypeScript sources', () => {
    expect(dockerfile).toContain('CMD ["node", "apps/api/dist/main.js"]');
    expect(dockerfile).toContain('CMD ["node", "apps/worker/dist/main.js"]');
  });
});
