import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { repoRoot, SettingsSchema } from '@saksflyt/temporal';

// No Docker engine runs on these machines: what can be checked without one is that the files parse and wire the
// production shape together with settings the code really reads.
const root = repoRoot();
const composeText = readFileSync(path.join(root, 'docker-compose.yml'), 'utf8');
const compose = parse(composeText);
const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');

interface Service {
  image?: string;
  ports?: string[];
  networks?: string[];
  build?: { context: string; target: string };
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }>;
  deploy?: { replicas?: number };
  stop_grace_period?: string;
  healthcheck?: { test: string[] };
}
const services = compose.services as Record<string, Service>;
const networks = (compose.networks ?? {}) as Record<string, { internal?: boolean } | null>;
/** The host address a published port is bound to: `127.0.0.1:8080:8080` → 127.0.0.1; `8080:8080` → every interface. */
const boundTo = (port: string) => (port.split(':').length === 3 ? port.split(':')[0] : '0.0.0.0');
const dockerStages = [...dockerfile.matchAll(/^FROM\s+\S+\s+AS\s+(\S+)/gim)].map((match) => match[1]);

describe('docker-compose.yml, the production shape', () => {
  it('runs Temporal on PostgreSQL with the auto-setup image, waiting for the database to be healthy', () => {
    expect(services.postgresql?.image).toMatch(/^postgres:\d+/);
    expect(services.temporal?.image).toMatch(/^temporalio\/auto-setup:\d+\.\d+\.\d+$/);
    expect(services.temporal?.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgresql' });
    expect(services.temporal?.depends_on?.postgresql?.condition).toBe('service_healthy');
  });

  it('says the auto-setup image is for development only, production using the server image and temporal-sql-tool', () => {
    const temporalBlock = composeText.slice(
      composeText.indexOf('\n  temporal:\n'),
      composeText.indexOf('\n  temporal-ui:'),
    );
    expect(temporalBlock).toMatch(/DEVELOPMENT ONLY/);
    expect(temporalBlock).toMatch(/temporalio\/server/);
    expect(temporalBlock).toMatch(/temporal-sql-tool/);
  });

  it('keeps Temporal and its database on an internal network, their ports unpublished', () => {
    expect(networks.temporal?.internal).toBe(true);
    for (const name of ['postgresql', 'temporal']) {
      expect(services[name]?.ports ?? []).toEqual([]);
      expect(services[name]?.networks).toEqual(['temporal']);
    }
    for (const name of ['temporal-ui', 'worker', 'api'])
      expect(services[name]?.networks).toContain('temporal');
  });

  it('publishes the Temporal UI on loopback at most, with its write actions off', () => {
    const ui = services['temporal-ui'];
    expect(ui?.ports?.length).toBeGreaterThan(0);
    for (const port of ui?.ports ?? []) expect(boundTo(port)).toBe('127.0.0.1');
    expect(ui?.environment?.TEMPORAL_DISABLE_WRITE_ACTIONS).toBe('true');
  });

  it('publishes nothing on every interface but the API', () => {
    for (const [name, service] of Object.entries(services)) {
      const open = (service.ports ?? []).filter((port) => boundTo(port) !== '127.0.0.1');
      if (name !== 'api') expect({ name, open }).toEqual({ name, open: [] });
    }
  });

  it('has no default database password: it must come from the environment', () => {
    expect(services.postgresql?.environment?.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
    expect(services.temporal?.environment?.POSTGRES_PWD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
    expect(composeText).not.toMatch(/POSTGRES_PASSWORD:-/);
  });

  it.each(['worker', 'api'])(
    'lets the %s speak mTLS to Temporal, optional, and refuse unencrypted payloads',
    (name) => {
      const environment = services[name]?.environment ?? {};
      for (const variable of [
        'TEMPORAL_TLS_CERT',
        'TEMPORAL_TLS_KEY',
        'TEMPORAL_TLS_CA',
        'TEMPORAL_TLS_SERVER_NAME',
      ])
        expect(environment[variable]).toBe(`\${${variable}:-}`);
      expect(environment.SAKSFLYT_CODEC_PLAINTEXT).toBe('refuse');
    },
  );

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
    const uiPort = (compose.services['temporal-ui'].ports as string[])[0]?.split(':').at(-2);
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
