import path from 'node:path';
import { z } from 'zod';
import { POLICY_PROFILE_NAMES, type PolicyProfile } from '@saksflyt/domain';
import { PLAINTEXT_POLICIES, type PlaintextPolicy } from './encryption/encryption-codec';
import { KeyListSchema } from './encryption/key-ring';
import { StartupError } from './startup-error';
import { DEFAULT_TEAMS, type TeamConfig, TeamsSetting } from './teams';

const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);

const portNumber = () =>
  z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a whole port number')
    .min(1, 'must be a port number from 1 to 65535')
    .max(65535, 'must be a port number from 1 to 65535');
const port = (fallback: number) => z.preprocess(unsetIfEmpty, portNumber().default(fallback));
const optionalPort = () => z.preprocess(unsetIfEmpty, portNumber().optional());

const text = (fallback: string) => z.preprocess(unsetIfEmpty, z.string().trim().min(1).default(fallback));
const optionalText = () => z.preprocess(unsetIfEmpty, z.string().trim().min(1).optional());

/**
 * A whole number in a range, every failure naming the range. (A message given to `z.coerce.number` alone also
 * answered a number out of range, so 20000 was "must be a whole number".)
 */
const wholeNumber = (min: number, max: number, unit = 'a whole number') => {
  const range = `must be ${unit} from ${min} to ${max}`;
  return z.coerce
    .number({ error: range })
    .int({ error: range })
    .min(min, { error: range })
    .max(max, { error: range });
};
const count = (min: number, max: number) => z.preprocess(unsetIfEmpty, wholeNumber(min, max).optional());
const countOr = (min: number, max: number, fallback: number, unit?: string) =>
  z.preprocess(unsetIfEmpty, wholeNumber(min, max, unit).default(fallback));

const flag = (fallback: boolean) =>
  z.preprocess(
    unsetIfEmpty,
    z
      .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
      .default(fallback ? 'true' : 'false')
      .transform((value) => value === 'true' || value === '1'),
  );

const url = () =>
  z.preprocess(
    unsetIfEmpty,
    z.string().url('must be a URL, e.g. https://police.example/saksflyt').optional(),
  );

const hostPort = z.preprocess(
  unsetIfEmpty,
  z
    .string()
    .regex(/^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9A-Fa-f:]+\]:\d{1,5}$/, 'must be host:port, e.g. localhost:7233')
    .optional(),
);

function isPostgresUrl(value: string): boolean {
  try {
    const parsed = new URL(value);
    return (parsed.protocol === 'postgres:' || parsed.protocol === 'postgresql:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

/** The partners reached by signed HTTP; each unset one gets the file outbox. */
const INTEGRATION_PORTS = ['POLICE', 'UNE', 'DUBLIN_UNIT', 'LAWYER_SCHEME'] as const;
type IntegrationVariable = (typeof INTEGRATION_PORTS)[number];

function integrationVariables<Port extends IntegrationVariable>(port: Port) {
  return {
    [`SAKSFLYT_${port}_URL`]: url(),
    [`SAKSFLYT_${port}_SECRET`]: optionalText(),
  } as Record<`SAKSFLYT_${Port}_URL` | `SAKSFLYT_${Port}_SECRET`, ReturnType<typeof optionalText>>;
}

/** Every environment variable Saksflyt reads, with its default. The README's configuration table lists the same. */
export const SettingsSchema = z
  .object({
    TEMPORAL_ADDRESS: hostPort,
    TEMPORAL_NAMESPACE: text('default'),
    TEMPORAL_TASK_QUEUE: text('protection-cases'),
    TEMPORAL_TLS_CERT: optionalText(),
    TEMPORAL_TLS_KEY: optionalText(),
    TEMPORAL_TLS_CA: optionalText(),
    TEMPORAL_TLS_SERVER_NAME: optionalText(),
    TEMPORAL_API_KEY: optionalText(),
    TEMPORAL_CLI: optionalText(),
    TEMPORAL_TEST_SERVER: optionalText(),
    SAKSFLYT_DATA_DIR: text('data'),
    SAKSFLYT_TEMPORAL_PORT: port(7233),
    SAKSFLYT_TEMPORAL_UI_PORT: port(8233),
    SAKSFLYT_API_HOST: text('127.0.0.1'),
    SAKSFLYT_API_PORT: port(3000),
    SAKSFLYT_API_METRICS_PORT: optionalPort(),
    SAKSFLYT_API_METRICS_HOST: text('127.0.0.1'),
    SAKSFLYT_TRUSTED_PROXY_HOPS: countOr(0, 10, 0),
    SAKSFLYT_WORKER_LOG_LEVEL: z.preprocess(
      unsetIfEmpty,
      z.enum(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR']).default('WARN'),
    ),
    SAKSFLYT_API_LOG_LEVEL: z.preprocess(
      unsetIfEmpty,
      z.enum(['trace', 'debug', 'info', 'warn', 'error']).default('info'),
    ),
    SAKSFLYT_WORKFLOW_BUNDLE: optionalText(),
    SAKSFLYT_WORKER_METRICS_PORT: optionalPort(),
    SAKSFLYT_WORKER_METRICS_HOST: text('127.0.0.1'),
    SAKSFLYT_WORKER_MAX_CACHED_WORKFLOWS: countOr(0, 1_000_000, 0),
    SAKSFLYT_WORKER_SHUTDOWN_GRACE_SECONDS: countOr(0, 3600, 30, 'a whole number of seconds'),
    SAKSFLYT_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: count(2, 10_000),
    SAKSFLYT_WORKER_MAX_CONCURRENT_ACTIVITIES: count(1, 10_000),
    SAKSFLYT_WORKER_REUSE_V8_CONTEXT: flag(true),
    SAKSFLYT_POLICY_PROFILE: z.preprocess(unsetIfEmpty, z.enum(POLICY_PROFILE_NAMES).default('standard')),
    SAKSFLYT_TOKEN_SECRET: z.preprocess(
      unsetIfEmpty,
      z.string().min(32, 'must be at least 32 characters').optional(),
    ),
    SAKSFLYT_TOKEN_TTL_SECONDS: countOr(60, 24 * 3600, 30 * 60, 'a whole number of seconds'),
    SAKSFLYT_ARCHIVE_URL: z.preprocess(
      unsetIfEmpty,
      z
        .string()
        .trim()
        .min(1)
        .refine(
          (value) => !value.includes('://') || isPostgresUrl(value),
          'must be a folder or a postgres:// URL, e.g. postgres://saksflyt:password@db.example:5432/saksflyt',
        )
        .optional(),
    ),
    SAKSFLYT_PROJECTION_URL: z.preprocess(
      unsetIfEmpty,
      z
        .string()
        .trim()
        .refine(
          isPostgresUrl,
          'must be a postgres:// URL, e.g. postgres://saksflyt:password@db.example:5432/saksflyt',
        )
        .optional(),
    ),
    SAKSFLYT_PROJECTION_PORT: countOr(1, 65_535, 5439, 'a port number'),
    SAKSFLYT_ARCHIVE_KEYS: z.preprocess(unsetIfEmpty, KeyListSchema.optional()),
    SAKSFLYT_ARCHIVE_KEY_FILE: optionalText(),
    SAKSFLYT_ARCHIVE_HEAD_FILE: optionalText(),
    SAKSFLYT_ARCHIVE_PUBLISH_SECONDS: z.preprocess(
      unsetIfEmpty,
      z.coerce
        .number({ error: 'must be a number of seconds' })
        .int('must be a whole number of seconds')
        .min(0, 'must be 0 (publish only on audit verify) or a number of seconds up to a day')
        .max(24 * 3600, 'must be 0 (publish only on audit verify) or a number of seconds up to a day')
        .default(600),
    ),
    SAKSFLYT_OTEL_TRACES_URL: url(),
    SAKSFLYT_ENCRYPTION_KEYS: z.preprocess(unsetIfEmpty, KeyListSchema.optional()),
    SAKSFLYT_ENCRYPTION_KEY_FILE: optionalText(),
    SAKSFLYT_CODEC_PLAINTEXT: z.preprocess(
      unsetIfEmpty,
      z.enum(PLAINTEXT_POLICIES, { error: 'must be refuse or accept' }).default('refuse'),
    ),
    SAKSFLYT_CODEC_CORS_ORIGINS: z.preprocess(
      unsetIfEmpty,
      z
        .string()
        .transform((list) => list.split(',').map((origin) => origin.trim()))
        .pipe(
          z.array(
            z
              .url('must be a list of origins, e.g. http://localhost:8233')
              .transform((o) => new URL(o).origin),
          ),
        )
        .optional(),
    ),
    SAKSFLYT_LOGIN_ATTEMPTS_PER_MINUTE: countOr(1, 10_000, 10),
    SAKSFLYT_TEAMS: z.preprocess(unsetIfEmpty, TeamsSetting.optional()),
    SAKSFLYT_SMTP_URL: url(),
    SAKSFLYT_MAIL_FROM: text('"UDI" <noreply@udi.no>'),
    SAKSFLYT_SMS_GATEWAY_URL: url(),
    SAKSFLYT_SMS_TOKEN: optionalText(),
    ...integrationVariables('POLICE'),
    ...integrationVariables('UNE'),
    ...integrationVariables('DUBLIN_UNIT'),
    ...integrationVariables('LAWYER_SCHEME'),
  })
  .superRefine((env, ctx) => {
    for (const port of INTEGRATION_PORTS) {
      const urlVariable = `SAKSFLYT_${port}_URL` as const;
      const secretVariable = `SAKSFLYT_${port}_SECRET` as const;
      if (env[urlVariable] && !env[secretVariable]) {
        ctx.addIssue({
          code: 'custom',
          path: [secretVariable],
          message: `must be set when ${urlVariable} is: requests to it are signed with this secret`,
        });
      }
    }
    // The archive key and the published heads must be out of reach of whoever can write the archive.
    const archive = archiveFolderOf(env.SAKSFLYT_DATA_DIR, env.SAKSFLYT_ARCHIVE_URL);
    const archiveFiles = [
      ['SAKSFLYT_ARCHIVE_KEY_FILE', archiveKeyFileOf(env)],
      ['SAKSFLYT_ARCHIVE_HEAD_FILE', archiveHeadFileOf(env)],
    ] as const;
    for (const [variable, file] of archiveFiles) {
      if (archive && file && inside(file, archive)) {
        ctx.addIssue({
          code: 'custom',
          path: [variable],
          message: `must be outside the archive folder (${archive}): whoever can write the archive must not reach it`,
        });
      }
    }
    if (Boolean(env.TEMPORAL_TLS_CERT) !== Boolean(env.TEMPORAL_TLS_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.TEMPORAL_TLS_CERT ? 'TEMPORAL_TLS_KEY' : 'TEMPORAL_TLS_CERT'],
        message: 'must be set together with its pair (TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY are a pair)',
      });
    }
  });
export type RawSettings = z.infer<typeof SettingsSchema>;

/** The projection's database: its own URL, else the archive's when that is PostgreSQL (one database for both). */
function projectionUrlOf(projectionUrl?: string, archiveUrl?: string): { projectionUrl?: string } {
  if (projectionUrl) return { projectionUrl };
  return archiveUrl && isPostgresUrl(archiveUrl) ? { projectionUrl: archiveUrl } : {};
}

/** The file archive's folder (`SAKSFLYT_ARCHIVE_URL` or `<dataDir>/archive`); none for PostgreSQL. */
function archiveFolderOf(dataDir: string, archiveUrl: string | undefined): string | undefined {
  if (archiveUrl && /^postgres(ql)?:\/\//.test(archiveUrl)) return undefined;
  return archiveUrl ?? path.join(dataDir, 'archive');
}

/** The archive's own key file: named, or `<dataDir>/archive-keys.json` in the embedded default; else none. */
function archiveKeyFileOf(env: {
  SAKSFLYT_ARCHIVE_KEY_FILE?: string | undefined;
  SAKSFLYT_DATA_DIR: string;
  TEMPORAL_ADDRESS?: string | undefined;
}): string | undefined {
  if (env.SAKSFLYT_ARCHIVE_KEY_FILE) return env.SAKSFLYT_ARCHIVE_KEY_FILE;
  return env.TEMPORAL_ADDRESS === undefined
    ? path.join(env.SAKSFLYT_DATA_DIR, 'archive-keys.json')
    : undefined;
}

function archiveHeadFileOf(env: {
  SAKSFLYT_ARCHIVE_HEAD_FILE?: string | undefined;
  SAKSFLYT_DATA_DIR: string;
}) {
  return env.SAKSFLYT_ARCHIVE_HEAD_FILE ?? path.join(env.SAKSFLYT_DATA_DIR, 'archive-heads.jsonl');
}

function inside(file: string, folder: string): boolean {
  const relative = path.relative(path.resolve(folder), path.resolve(file));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export interface TemporalSettings {
  /** Where Temporal answers. Unset in the environment means: the embedded dev server on `embeddedPort`. */
  address: string;
  /** True when Saksflyt starts its own dev server (no `TEMPORAL_ADDRESS`). */
  embedded: boolean;
  namespace: string;
  taskQueue: string;
  tls?: { certPath: string; keyPath: string; caPath?: string; serverName?: string };
  apiKey?: string;
}

export interface EncryptionSettings {
  /** The ring given in `SAKSFLYT_ENCRYPTION_KEYS`, if any; it wins over the key file. */
  keys?: RawSettings['SAKSFLYT_ENCRYPTION_KEYS'];
  keyFile: string;
  /**
   * Whether a missing key file may be created: only for the embedded default. Processes that share a Temporal
   * cluster must share one ring, so there a missing one is an error, never a new key nobody else has.
   */
  createIfMissing: boolean;
  /**
   * What the codec does with a payload that arrives unencrypted: `refuse` (the default: it did not come from a holder
   * of the ring, so anyone who reaches Temporal could have sent it) or `accept` (only while Temporal still holds
   * histories written before encryption was turned on; docs/security.md).
   */
  plaintext: PlaintextPolicy;
}

/**
 * Where the archive key comes from (`openArchiveKeys`): `SAKSFLYT_ARCHIVE_KEYS`, else the archive's own key file
 * (named, or made beside the encryption key ring by the embedded default), else derived from the encryption key
 * ring. Never from the archive folder or the archive database.
 */
export interface ArchiveKeySettings {
  keys?: RawSettings['SAKSFLYT_ARCHIVE_KEYS'];
  keyFile?: string;
  /** Only the embedded default makes a missing key file, as it does the encryption key ring. */
  createIfMissing: boolean;
}

/** Where the archive's head is published outside it, and how often the worker does. */
export interface ArchiveHeadSettings {
  /** The append-only file of published heads, to ship elsewhere. */
  file: string;
  /** The worker publishes the head this often when it moved (and at start); 0: only `saksflyt audit verify` does. */
  publishSeconds: number;
}

/** How the worker runs; the numbers left unset are the SDK's defaults. */
export interface WorkerSettings {
  logLevel: 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  workflowBundle?: string;
  /** Where the worker serves Prometheus metrics (`host:port`); unset, it serves none. */
  metricsAddress?: string;
  /** How long in-flight activities may run on after SIGTERM before they are cancelled. */
  shutdownGraceSeconds: number;
  /** Workflows kept in memory between tasks; 0 replays each task's history (see apps/worker/src/main.ts). */
  maxCachedWorkflows: number;
  maxConcurrentWorkflowTasks?: number;
  maxConcurrentActivities?: number;
  /** One V8 context for every workflow of the worker instead of one each. */
  reuseV8Context: boolean;
}

export interface Settings {
  temporal: TemporalSettings;
  /** The level of the API's JSON log lines (one per request at `info`). */
  apiLogLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error';
  dataDir: string;
  encryption: EncryptionSettings;
  /** The Temporal Web UI origins allowed to call the codec endpoint from the browser. */
  codecCorsOrigins: string[];
  devServer: { port: number; uiPort: number; cliPath?: string; testServerPath?: string };
  api: {
    host: string;
    port: number;
    tokenSecret?: string;
    /** How long an access token lasts (30 minutes by default); a sign-out everywhere ends it sooner. */
    tokenTtlSeconds: number;
    /** Sign-in attempts a minute per (client address, username), counted across every API instance. */
    loginAttemptsPerMinute: number;
    /**
     * How many reverse proxies in front of the API are believed: their `X-Forwarded-For` gives the client's
     * address and `X-Forwarded-Proto` whether it came over TLS. 0 (the default) believes none.
     */
    trustedProxyHops: number;
    /** Where the API serves Prometheus metrics, apart from its public port; unset, it serves none. */
    metrics?: { host: string; port: number };
  };
  /** Where closed cases are archived: a folder (default `<dataDir>/archive`) or a `postgres://` URL. */
  archiveUrl?: string;
  archiveKeys: ArchiveKeySettings;
  archiveHead: ArchiveHeadSettings;
  /**
   * The read model every read of a case comes from (issue 17): `SAKSFLYT_PROJECTION_URL`, else the archive's
   * PostgreSQL database; unset, the worker writes none and the API asks the workflows. `npm start` serves an
   * embedded one (PGlite, on `embeddedProjectionPort`) when neither is set.
   */
  projectionUrl?: string;
  /** Where `npm start` serves the embedded projection store (`SAKSFLYT_PROJECTION_PORT`, default 5439). */
  embeddedProjectionPort: number;
  /** The OTLP/HTTP endpoint traces go to (e.g. `http://collector:4318/v1/traces`); unset, there is no tracing. */
  otelTracesUrl?: string;
  /** The policy profile new cases start under. */
  policyProfile: PolicyProfile;
  /** The teams whose queues cases wait in: every team the domain routes cases to, and any others UDI keeps. */
  teams: readonly TeamConfig[];
  worker: WorkerSettings;
  /** Where side effects go; anything unset goes to the file outbox under the data folder. */
  outbound: {
    mail?: { smtpUrl: string; from: string };
    sms?: { gatewayUrl: string; token?: string };
    integrations: Partial<
      Record<'police' | 'une' | 'dublinUnit' | 'lawyerScheme', { url: string; secret: string }>
    >;
  };
}

/** Variables whose value must never reach a log line, not even in an error about it. */
const SECRET_VARIABLE = /(SECRET|_TOKEN|API_KEY|ENCRYPTION_KEYS|ARCHIVE_KEYS|PASSWORD)$/;

/** Query parameters that carry a credential (`?password=`, `?access_token=`, `?sig=` …). */
const SECRET_PARAMETER = /pass|secret|token|key|sig|auth|credential/i;

/**
 * A value as it may be shown in an error or a report: the user information of a URL
 * (`smtp://user:password@host`, `postgres://user:password@db`) and secret-looking query parameters become `***`.
 * It works on text that is not a valid URL too, since that is when a value is shown.
 */
export function maskSecrets(value: string): string {
  let shown = value;
  const at = shown.lastIndexOf('@');
  const slashes = shown.indexOf('//');
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(shown)?.[0];
  // Only where there is a URL's shape (a `//` or a scheme) before the `@`: an e-mail address stays as it is.
  if (at !== -1 && ((slashes !== -1 && slashes < at) || scheme)) {
    const start = slashes !== -1 && slashes < at ? slashes + 2 : (scheme?.length ?? 0);
    shown = `${shown.slice(0, start)}***${shown.slice(at)}`;
  }
  return shown.replace(/([?&;])([^=&;#\s]*)=([^&;#\s]*)/g, (match, separator: string, name: string) =>
    SECRET_PARAMETER.test(name) ? `${separator}${name}=***` : match,
  );
}

export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const parsed = SettingsSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    // Inside a structured value (a team of SAKSFLYT_TEAMS): where in it, e.g. "at 2.id".
    const inside = issue && issue.path.length > 1 ? ` at ${issue.path.slice(1).map(String).join('.')}:` : '';
    const given = env[variable];
    const shown =
      given === undefined
        ? ''
        : SECRET_VARIABLE.test(variable)
          ? ' (value not shown: it is a secret)'
          : ` (got "${maskSecrets(given)}")`;
    throw new StartupError(
      `${variable}${inside} ${issue?.message ?? 'is invalid'}${shown}`,
      `fix or unset ${variable}; the README's configuration table lists every variable`,
    );
  }
  const raw = parsed.data;
  return {
    temporal: {
      address: raw.TEMPORAL_ADDRESS ?? `127.0.0.1:${raw.SAKSFLYT_TEMPORAL_PORT}`,
      embedded: raw.TEMPORAL_ADDRESS === undefined,
      namespace: raw.TEMPORAL_NAMESPACE,
      taskQueue: raw.TEMPORAL_TASK_QUEUE,
      ...(raw.TEMPORAL_TLS_CERT && raw.TEMPORAL_TLS_KEY
        ? {
            tls: {
              certPath: raw.TEMPORAL_TLS_CERT,
              keyPath: raw.TEMPORAL_TLS_KEY,
              ...(raw.TEMPORAL_TLS_CA ? { caPath: raw.TEMPORAL_TLS_CA } : {}),
              ...(raw.TEMPORAL_TLS_SERVER_NAME ? { serverName: raw.TEMPORAL_TLS_SERVER_NAME } : {}),
            },
          }
        : {}),
      ...(raw.TEMPORAL_API_KEY ? { apiKey: raw.TEMPORAL_API_KEY } : {}),
    },
    dataDir: raw.SAKSFLYT_DATA_DIR,
    apiLogLevel: raw.SAKSFLYT_API_LOG_LEVEL,
    encryption: {
      ...(raw.SAKSFLYT_ENCRYPTION_KEYS ? { keys: raw.SAKSFLYT_ENCRYPTION_KEYS } : {}),
      keyFile: raw.SAKSFLYT_ENCRYPTION_KEY_FILE ?? path.join(raw.SAKSFLYT_DATA_DIR, 'encryption-keys.json'),
      createIfMissing: raw.TEMPORAL_ADDRESS === undefined && raw.SAKSFLYT_ENCRYPTION_KEY_FILE === undefined,
      plaintext: raw.SAKSFLYT_CODEC_PLAINTEXT,
    },
    codecCorsOrigins: raw.SAKSFLYT_CODEC_CORS_ORIGINS ?? [
      `http://localhost:${raw.SAKSFLYT_TEMPORAL_UI_PORT}`,
      `http://127.0.0.1:${raw.SAKSFLYT_TEMPORAL_UI_PORT}`,
    ],
    devServer: {
      port: raw.SAKSFLYT_TEMPORAL_PORT,
      uiPort: raw.SAKSFLYT_TEMPORAL_UI_PORT,
      ...(raw.TEMPORAL_CLI ? { cliPath: raw.TEMPORAL_CLI } : {}),
      ...(raw.TEMPORAL_TEST_SERVER ? { testServerPath: raw.TEMPORAL_TEST_SERVER } : {}),
    },
    api: {
      host: raw.SAKSFLYT_API_HOST,
      port: raw.SAKSFLYT_API_PORT,
      tokenTtlSeconds: raw.SAKSFLYT_TOKEN_TTL_SECONDS,
      loginAttemptsPerMinute: raw.SAKSFLYT_LOGIN_ATTEMPTS_PER_MINUTE,
      trustedProxyHops: raw.SAKSFLYT_TRUSTED_PROXY_HOPS,
      ...(raw.SAKSFLYT_API_METRICS_PORT
        ? { metrics: { host: raw.SAKSFLYT_API_METRICS_HOST, port: raw.SAKSFLYT_API_METRICS_PORT } }
        : {}),
      ...(raw.SAKSFLYT_TOKEN_SECRET ? { tokenSecret: raw.SAKSFLYT_TOKEN_SECRET } : {}),
    },
    policyProfile: raw.SAKSFLYT_POLICY_PROFILE,
    teams: raw.SAKSFLYT_TEAMS ?? DEFAULT_TEAMS,
    ...(raw.SAKSFLYT_OTEL_TRACES_URL ? { otelTracesUrl: raw.SAKSFLYT_OTEL_TRACES_URL } : {}),
    ...(raw.SAKSFLYT_ARCHIVE_URL ? { archiveUrl: raw.SAKSFLYT_ARCHIVE_URL } : {}),
    ...projectionUrlOf(raw.SAKSFLYT_PROJECTION_URL, raw.SAKSFLYT_ARCHIVE_URL),
    embeddedProjectionPort: raw.SAKSFLYT_PROJECTION_PORT,
    archiveKeys: (() => {
      const keyFile = archiveKeyFileOf(raw);
      return {
        ...(raw.SAKSFLYT_ARCHIVE_KEYS ? { keys: raw.SAKSFLYT_ARCHIVE_KEYS } : {}),
        ...(keyFile ? { keyFile } : {}),
        createIfMissing: raw.TEMPORAL_ADDRESS === undefined && raw.SAKSFLYT_ARCHIVE_KEY_FILE === undefined,
      };
    })(),
    archiveHead: {
      file: archiveHeadFileOf(raw),
      publishSeconds: raw.SAKSFLYT_ARCHIVE_PUBLISH_SECONDS,
    },
    worker: {
      logLevel: raw.SAKSFLYT_WORKER_LOG_LEVEL,
      shutdownGraceSeconds: raw.SAKSFLYT_WORKER_SHUTDOWN_GRACE_SECONDS,
      maxCachedWorkflows: raw.SAKSFLYT_WORKER_MAX_CACHED_WORKFLOWS,
      ...(raw.SAKSFLYT_WORKER_METRICS_PORT
        ? { metricsAddress: `${raw.SAKSFLYT_WORKER_METRICS_HOST}:${raw.SAKSFLYT_WORKER_METRICS_PORT}` }
        : {}),
      ...(raw.SAKSFLYT_WORKFLOW_BUNDLE ? { workflowBundle: raw.SAKSFLYT_WORKFLOW_BUNDLE } : {}),
      ...(raw.SAKSFLYT_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS === undefined
        ? {}
        : { maxConcurrentWorkflowTasks: raw.SAKSFLYT_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS }),
      ...(raw.SAKSFLYT_WORKER_MAX_CONCURRENT_ACTIVITIES === undefined
        ? {}
        : { maxConcurrentActivities: raw.SAKSFLYT_WORKER_MAX_CONCURRENT_ACTIVITIES }),
      reuseV8Context: raw.SAKSFLYT_WORKER_REUSE_V8_CONTEXT,
    },
    outbound: {
      ...(raw.SAKSFLYT_SMTP_URL
        ? { mail: { smtpUrl: raw.SAKSFLYT_SMTP_URL, from: raw.SAKSFLYT_MAIL_FROM } }
        : {}),
      ...(raw.SAKSFLYT_SMS_GATEWAY_URL
        ? {
            sms: {
              gatewayUrl: raw.SAKSFLYT_SMS_GATEWAY_URL,
              ...(raw.SAKSFLYT_SMS_TOKEN ? { token: raw.SAKSFLYT_SMS_TOKEN } : {}),
            },
          }
        : {}),
      integrations: Object.fromEntries(
        (
          [
            ['police', raw.SAKSFLYT_POLICE_URL, raw.SAKSFLYT_POLICE_SECRET],
            ['une', raw.SAKSFLYT_UNE_URL, raw.SAKSFLYT_UNE_SECRET],
            ['dublinUnit', raw.SAKSFLYT_DUBLIN_UNIT_URL, raw.SAKSFLYT_DUBLIN_UNIT_SECRET],
            ['lawyerScheme', raw.SAKSFLYT_LAWYER_SCHEME_URL, raw.SAKSFLYT_LAWYER_SCHEME_SECRET],
          ] as const
        )
          .filter(([, endpoint, secret]) => endpoint && secret)
          .map(([port, endpoint, secret]) => [port, { url: endpoint as string, secret: secret as string }]),
      ),
    },
  };
}
