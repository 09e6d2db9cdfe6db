import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSettings, maskSecrets } from './settings';
import { StartupError } from './startup-error';
import { DEFAULT_TEAMS } from './teams';

describe('settings from the environment', () => {
  it('uses the contract defaults and the embedded dev server when nothing is set', () => {
    const settings = loadSettings({});
    expect(settings.temporal).toEqual({
      address: '127.0.0.1:7233',
      embedded: true,
      namespace: 'default',
      taskQueue: 'protection-cases',
    });
    expect(settings.api).toEqual({
      host: '127.0.0.1',
      port: 3000,
      tokenTtlSeconds: 1800,
      loginAttemptsPerMinute: 10,
      trustedProxyHops: 0,
    });
    expect(settings.api).not.toHaveProperty('metrics');
    expect(settings.policyProfile).toBe('standard');
    expect(settings.devServer).toMatchObject({ port: 7233, uiPort: 8233 });
  });

  it('connects to TEMPORAL_ADDRESS and starts no dev server when it is set', () => {
    const settings = loadSettings({
      TEMPORAL_ADDRESS: 'temporal.udi.example:7233',
      TEMPORAL_NAMESPACE: 'saksflyt',
    });
    expect(settings.temporal).toMatchObject({
      address: 'temporal.udi.example:7233',
      embedded: false,
      namespace: 'saksflyt',
    });
  });

  it("takes the worker's concurrency and V8 context from the environment, the SDK's defaults otherwise", () => {
    expect(loadSettings({}).worker).toMatchObject({ maxCachedWorkflows: 0, reuseV8Context: true });
    expect(loadSettings({}).worker).not.toHaveProperty('maxConcurrentWorkflowTasks');
    expect(
      loadSettings({
        SAKSFLYT_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '20',
        SAKSFLYT_WORKER_MAX_CONCURRENT_ACTIVITIES: '50',
        SAKSFLYT_WORKER_REUSE_V8_CONTEXT: 'false',
      }).worker,
    ).toMatchObject({ maxConcurrentWorkflowTasks: 20, maxConcurrentActivities: 50, reuseV8Context: false });
  });

  it('moves the embedded server when its port is configured', () => {
    expect(loadSettings({ SAKSFLYT_TEMPORAL_PORT: '17233' }).temporal.address).toBe('127.0.0.1:17233');
  });

  it('treats an empty variable as unset', () => {
    expect(loadSettings({ SAKSFLYT_API_PORT: '' }).api.port).toBe(3000);
  });

  it.each([
    ['SAKSFLYT_API_PORT', 'abc', /SAKSFLYT_API_PORT must be a port number.*\(got "abc"\)/],
    ['SAKSFLYT_API_PORT', '70000', /SAKSFLYT_API_PORT must be a port number from 1 to 65535/],
    ['TEMPORAL_ADDRESS', 'http://x', /TEMPORAL_ADDRESS must be host:port/],
    ['SAKSFLYT_WORKER_LOG_LEVEL', 'LOUD', /SAKSFLYT_WORKER_LOG_LEVEL/],
    ['SAKSFLYT_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS', '1', /from 2 to 10000/],
    ['SAKSFLYT_WORKER_REUSE_V8_CONTEXT', 'maybe', /SAKSFLYT_WORKER_REUSE_V8_CONTEXT must be true or false/],
    // Out of range once answered "must be a whole number", which 20000 is.
    [
      'SAKSFLYT_LOGIN_ATTEMPTS_PER_MINUTE',
      '20000',
      /SAKSFLYT_LOGIN_ATTEMPTS_PER_MINUTE must be a whole number from 1 to 10000 \(got "20000"\)/,
    ],
    ['SAKSFLYT_LOGIN_ATTEMPTS_PER_MINUTE', '0', /from 1 to 10000/],
    ['SAKSFLYT_LOGIN_ATTEMPTS_PER_MINUTE', '2.5', /from 1 to 10000/],
    ['SAKSFLYT_LOGIN_ATTEMPTS_PER_MINUTE', 'ten', /from 1 to 10000/],
    ['SAKSFLYT_TOKEN_TTL_SECONDS', '5', /must be a whole number of seconds from 60 to 86400/],
    ['SAKSFLYT_TOKEN_TTL_SECONDS', '604800', /from 60 to 86400/],
    ['SAKSFLYT_WORKER_SHUTDOWN_GRACE_SECONDS', '99999', /of seconds from 0 to 3600/],
    ['SAKSFLYT_TRUSTED_PROXY_HOPS', '-1', /SAKSFLYT_TRUSTED_PROXY_HOPS must be a whole number from 0 to 10/],
    [
      'SAKSFLYT_ARCHIVE_URL',
      'mysql://db/saksflyt',
      /SAKSFLYT_ARCHIVE_URL must be a folder or a postgres:\/\/ URL/,
    ],
    ['SAKSFLYT_CODEC_PLAINTEXT', 'warn', /SAKSFLYT_CODEC_PLAINTEXT must be refuse or accept/],
  ])('refuses a malformed %s=%s with one line naming the variable', (variable, value, message) => {
    const attempt = () => loadSettings({ [variable]: value });
    expect(attempt).toThrow(StartupError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('takes the short token lifetime, the trusted proxy hops and the API metrics address from the environment', () => {
    expect(
      loadSettings({
        SAKSFLYT_TOKEN_TTL_SECONDS: '900',
        SAKSFLYT_TRUSTED_PROXY_HOPS: '1',
        SAKSFLYT_API_METRICS_PORT: '9465',
      }).api,
    ).toMatchObject({
      tokenTtlSeconds: 900,
      trustedProxyHops: 1,
      metrics: { host: '127.0.0.1', port: 9465 },
    });
  });

  it.each([
    ['SAKSFLYT_SMTP_URL', 'smtp//mailer:hunter2-smtp@mail.udi.example:587', 'hunter2-smtp'],
    ['SAKSFLYT_SMTP_URL', 'smtp://mailer:hunter2-smtp@', 'hunter2-smtp'],
    ['SAKSFLYT_ARCHIVE_URL', 'postgres://saksflyt:pg-Secret@/saksflyt', 'pg-Secret'],
    ['SAKSFLYT_ARCHIVE_URL', 'mysql://saksflyt:pg-Secret@db.example/saksflyt', 'pg-Secret'],
    ['SAKSFLYT_SMS_GATEWAY_URL', 'sms.example/send?access_token=sms-Secret&to=1', 'sms-Secret'],
    ['SAKSFLYT_OTEL_TRACES_URL', 'http://collector:99999/v1/traces?api-key=otel-Secret', 'otel-Secret'],
    ['SAKSFLYT_POLICE_URL', 'https://police:police-Secret@[bad/in', 'police-Secret'],
  ])('never shows the credentials in a malformed %s', (variable, value, secret) => {
    let message = '';
    try {
      loadSettings({ [variable]: value, SAKSFLYT_POLICE_SECRET: 'x' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(new RegExp(`^${variable} must`));
    expect(message).not.toContain(secret);
    expect(message).toContain('***');
  });

  it('masks the user information and secret query parameters of a value, and leaves an e-mail address', () => {
    expect(maskSecrets('postgres://saksflyt:pw@db:5432/saksflyt')).toBe('postgres://***@db:5432/saksflyt');
    expect(maskSecrets('https://sms.example/send?to=1&token=abc')).toBe(
      'https://sms.example/send?to=1&token=***',
    );
    expect(maskSecrets('"UDI" <noreply@udi.no>')).toBe('"UDI" <noreply@udi.no>');
    expect(maskSecrets('https://police.example/in')).toBe('https://police.example/in');
  });

  it('refuses unencrypted payloads unless SAKSFLYT_CODEC_PLAINTEXT=accept, the embedded default too', () => {
    expect(loadSettings({}).encryption.plaintext).toBe('refuse');
    expect(loadSettings({ TEMPORAL_ADDRESS: 'temporal.udi.example:7233' }).encryption.plaintext).toBe(
      'refuse',
    );
    expect(loadSettings({ SAKSFLYT_CODEC_PLAINTEXT: '' }).encryption.plaintext).toBe('refuse');
    expect(loadSettings({ SAKSFLYT_CODEC_PLAINTEXT: 'accept' }).encryption.plaintext).toBe('accept');
  });

  it('asks for the TLS key when only the certificate is configured', () => {
    expect(() => loadSettings({ TEMPORAL_TLS_CERT: '/etc/saksflyt/client.pem' })).toThrow(/TEMPORAL_TLS_KEY/);
  });

  it('sends side effects to the file outbox unless an adapter is configured', () => {
    expect(loadSettings({}).outbound).toEqual({ integrations: {} });
  });

  it('configures SMTP, the SMS gateway and each signed integration from their variables', () => {
    const { outbound } = loadSettings({
      SAKSFLYT_SMTP_URL: 'smtp://mail.udi.example:587',
      SAKSFLYT_SMS_GATEWAY_URL: 'https://sms.example/send',
      SAKSFLYT_SMS_TOKEN: 'token',
      SAKSFLYT_POLICE_URL: 'https://police.example/saksflyt',
      SAKSFLYT_POLICE_SECRET: 'shared-secret',
    });
    expect(outbound).toEqual({
      mail: { smtpUrl: 'smtp://mail.udi.example:587', from: '"UDI" <noreply@udi.no>' },
      sms: { gatewayUrl: 'https://sms.example/send', token: 'token' },
      integrations: { police: { url: 'https://police.example/saksflyt', secret: 'shared-secret' } },
    });
  });

  it('refuses an integration URL without the secret its requests are signed with', () => {
    expect(() => loadSettings({ SAKSFLYT_UNE_URL: 'https://une.example/in' })).toThrow(
      /SAKSFLYT_UNE_SECRET must be set/,
    );
  });

  it('refuses an integration URL that is not a URL', () => {
    expect(() => loadSettings({ SAKSFLYT_POLICE_URL: 'police', SAKSFLYT_POLICE_SECRET: 's' })).toThrow(
      /SAKSFLYT_POLICE_URL must be a URL/,
    );
  });

  describe('SAKSFLYT_TEAMS', () => {
    const routed = () => DEFAULT_TEAMS.map((team) => ({ ...team }));

    it('defaults to the six teams cases are routed to, each named in Norwegian and English', () => {
      expect(loadSettings({}).teams.map((team) => [team.id, team.name.nb, team.name.en])).toEqual([
        ['registration', 'Registrering', 'Registration'],
        ['dublin-unit', 'Dublin-enheten', 'Dublin unit'],
        ['interviews-oslo', 'Intervju Oslo', 'Interviews Oslo'],
        ['interviews-trondheim', 'Intervju Trondheim', 'Interviews Trondheim'],
        ['decisions', 'Vedtak', 'Decisions'],
        ['appeals', 'Klage', 'Appeals'],
      ]);
    });

    it('takes a JSON list inline or from a file, teams beyond the routed ones included', () => {
      const teams = [
        ...routed(),
        { id: 'age-assessment', name: { nb: 'Aldersvurdering', en: 'Age assessment' } },
      ];
      expect(loadSettings({ SAKSFLYT_TEAMS: JSON.stringify(teams) }).teams).toEqual(teams);
      const folder = mkdtempSync(path.join(os.tmpdir(), 'saksflyt-teams-'));
      const file = path.join(folder, 'teams.json');
      writeFileSync(file, JSON.stringify(teams));
      expect(loadSettings({ SAKSFLYT_TEAMS: file }).teams).toEqual(teams);
    });

    it.each([
      [
        'a routed team missing',
        JSON.stringify(routed().slice(1)),
        /SAKSFLYT_TEAMS must list every team .*missing: registration/,
      ],
      [
        'a team twice',
        JSON.stringify([...routed(), routed()[0]]),
        /SAKSFLYT_TEAMS at 6\.id: lists team "registration" twice/,
      ],
      [
        'a bad id',
        JSON.stringify([...routed(), { id: 'Oslo Team', name: { nb: 'x', en: 'x' } }]),
        /SAKSFLYT_TEAMS at 6\.id: a team is 2–40 lower-case letters/,
      ],
      [
        'a team without its English name',
        JSON.stringify([...routed(), { id: 'extra', name: { nb: 'Ekstra' } }]),
        /SAKSFLYT_TEAMS at 6\.name\.en:/,
      ],
      ['JSON that does not parse', '[{"id":', /SAKSFLYT_TEAMS must be valid JSON/],
      [
        'a file that does not exist',
        '/nowhere/teams.json',
        /SAKSFLYT_TEAMS must be a JSON list of teams or the path/,
      ],
    ])('refuses %s at start, naming the setting', (_case, value, message) => {
      expect(() => loadSettings({ SAKSFLYT_TEAMS: value })).toThrow(StartupError);
      expect(() => loadSettings({ SAKSFLYT_TEAMS: value })).toThrow(message);
    });
  });
});
