import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { createTransport } from 'nodemailer';
import { ArchiveRecordError, openArchive } from '@saksflyt/audit';
import {
  checkHealth,
  connectClient,
  loadSettings,
  maskSecrets,
  KeyRing,
  missingSearchAttributes,
  openArchiveKeys,
  openKeyRing,
  readKeyFile,
  type Settings,
  StartupError,
} from '@saksflyt/temporal';

export interface Finding {
  /** What was checked, e.g. "Temporal" or "SMTP". */
  subject: string;
  outcome: 'ok' | 'warning' | 'problem';
  /** What was found: on a problem, what is wrong. */
  detail: string;
  /** How to fix a problem or a warning. */
  fix?: string;
}

const ok = (subject: string, detail: string): Finding => ({ subject, outcome: 'ok', detail });
const problem = (subject: string, detail: string, fix: string): Finding => ({
  subject,
  outcome: 'problem',
  detail,
  fix,
});
const warning = (subject: string, detail: string, fix: string): Finding => ({
  subject,
  outcome: 'warning',
  detail,
  fix,
});

const reason = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0] : String(error));

function fromError(subject: string, error: unknown, fix: string): Finding {
  if (error instanceof StartupError) return problem(subject, error.problem, error.fix);
  return problem(subject, reason(error) ?? 'failed', fix);
}

/** Whether something accepts TCP connections at host:port within a few seconds. */
function listening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 3_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

async function checkDataDir(settings: Settings): Promise<Finding> {
  const probe = path.join(settings.dataDir, `.doctor-${process.pid}`);
  try {
    await mkdir(settings.dataDir, { recursive: true });
    await writeFile(probe, '');
    await rm(probe);
    return ok('Data folder', `${path.resolve(settings.dataDir)} is writable`);
  } catch (error) {
    return problem(
      'Data folder',
      `${settings.dataDir} is not writable (${reason(error)})`,
      'point SAKSFLYT_DATA_DIR at a folder this user may write',
    );
  }
}

async function checkKeyRing(settings: Settings): Promise<Finding> {
  const subject = 'Encryption keys';
  try {
    if (settings.encryption.keys) {
      const ring = await openKeyRing(settings.encryption);
      return ok(
        subject,
        `${ring.ids.length} key(s) from SAKSFLYT_ENCRYPTION_KEYS, current ${ring.current.id}`,
      );
    }
    const file = await readKeyFile(settings.encryption.keyFile);
    if (!file) {
      return settings.encryption.createIfMissing
        ? warning(
            subject,
            `${settings.encryption.keyFile} does not exist yet`,
            'npm start creates it on first start; back it up with the archive',
          )
        : problem(
            subject,
            `no key ring: ${settings.encryption.keyFile} does not exist and SAKSFLYT_ENCRYPTION_KEYS is not set`,
            'give every worker, API and CLI the same ring: SAKSFLYT_ENCRYPTION_KEYS (see "saksflyt keys generate") or SAKSFLYT_ENCRYPTION_KEY_FILE',
          );
    }
    return ok(
      subject,
      `${file.keys.length} key(s) in ${settings.encryption.keyFile}, current ${file.keys.at(-1)?.id}`,
    );
  } catch (error) {
    return fromError(subject, error, 'restore the key file from your backup of the key ring');
  }
}

/** SAKSFLYT_CODEC_PLAINTEXT: whether a payload sent to Temporal without the key ring is refused. */
export function checkCodec(settings: Settings): Finding {
  const subject = 'Payload codec';
  return settings.encryption.plaintext === 'refuse'
    ? ok(
        subject,
        'refuses unencrypted payloads (SAKSFLYT_CODEC_PLAINTEXT=refuse): a command sent to Temporal without the key ring is rejected',
      )
    : warning(
        subject,
        'ACCEPTS unencrypted payloads (SAKSFLYT_CODEC_PLAINTEXT=accept): anyone who reaches Temporal can send a case a command under any name',
        'set SAKSFLYT_CODEC_PLAINTEXT=refuse once no open case holds payloads from before encryption: "saksflyt audit replay" with it set names any case it would break (docs/security.md)',
      );
}

/** Who can reach Temporal decides who can end or reset a case: the connection should prove who is calling. */
export function checkTemporalTransport(settings: Settings): Finding {
  const subject = 'Temporal connection';
  const { address, embedded, tls, apiKey } = settings.temporal;
  if (embedded) return ok(subject, `the embedded dev server, listening on ${address} only`);
  if (tls) return ok(subject, `mTLS to ${address} with the client certificate ${tls.certPath}`);
  if (apiKey) return ok(subject, `TLS to ${address} with an API key`);
  return warning(
    subject,
    `plaintext gRPC to ${address}, without a client certificate: whoever reaches that port can terminate or reset cases`,
    'set TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY (and TEMPORAL_TLS_CA) and have the server require client certificates; keep its port on an internal network (docs/operations.md)',
  );
}

async function checkTemporal(settings: Settings): Promise<Finding[]> {
  const { address, namespace, taskQueue } = settings.temporal;
  const [host, port] = [
    address.slice(0, address.lastIndexOf(':')),
    Number(address.slice(address.lastIndexOf(':') + 1)),
  ];
  if (settings.temporal.embedded && !(await listening(host.replace(/^\[|\]$/g, ''), port))) {
    return [
      warning(
        'Temporal',
        `the embedded dev server is not running at ${address}`,
        'npm start starts it (or set TEMPORAL_ADDRESS to use a cluster)',
      ),
    ];
  }
  let client: Awaited<ReturnType<typeof connectClient>>;
  try {
    // These calls carry no payloads: no key ring is needed, so a missing one does not hide Temporal's state.
    client = await connectClient(settings.temporal, {});
  } catch (error) {
    return [fromError('Temporal', error, 'check TEMPORAL_ADDRESS, TEMPORAL_TLS_* and TEMPORAL_API_KEY')];
  }
  const findings: Finding[] = [];
  try {
    try {
      await client.workflowService.describeNamespace({ namespace });
      findings.push(ok('Temporal', `reachable at ${address}, namespace ${namespace}`));
    } catch (error) {
      findings.push(
        problem(
          'Temporal',
          `reachable at ${address}, but namespace ${namespace} is not there (${reason(error)})`,
          `create it (temporal operator namespace create --namespace ${namespace}) or fix TEMPORAL_NAMESPACE`,
        ),
      );
      return findings;
    }
    try {
      const missing = await missingSearchAttributes(client.connection, namespace);
      findings.push(
        missing.length === 0
          ? ok('Search attributes', 'all six registered')
          : problem(
              'Search attributes',
              `missing in namespace ${namespace}: ${missing.join(', ')}`,
              `start the worker, which registers them, or: ${missing.map((name) => `temporal operator search-attribute create --namespace ${namespace} --name ${name} --type ${name === 'NextDeadline' ? 'Datetime' : name === 'InterviewPriority' ? 'Bool' : 'Keyword'}`).join('; ')} (on Temporal Cloud: tcld namespace search-attributes add)`,
            ),
      );
    } catch (error) {
      findings.push(
        problem(
          'Search attributes',
          `cannot list them (${reason(error)})`,
          'give the connection operator rights, or check them in the Temporal UI',
        ),
      );
    }
    const health = await checkHealth(client, taskQueue);
    findings.push(
      health.worker === 'polling'
        ? ok('Worker', `polling task queue ${taskQueue}`)
        : warning(
            'Worker',
            health.detail ?? `no worker polls task queue ${taskQueue}`,
            'start the worker (npm start, or the worker image) with the same TEMPORAL_TASK_QUEUE',
          ),
    );
  } finally {
    await client.connection.close();
  }
  return findings;
}

async function checkSmtp(settings: Settings): Promise<Finding> {
  const mail = settings.outbound.mail;
  if (!mail) return ok('E-mail', `to the file outbox (${path.join(settings.dataDir, 'outbox', 'email')})`);
  const transport = createTransport({ url: mail.smtpUrl, connectionTimeout: 5_000, greetingTimeout: 5_000 });
  try {
    await transport.verify();
    return ok('E-mail', `SMTP server at ${new URL(mail.smtpUrl).host} accepts the connection`);
  } catch (error) {
    return problem(
      'E-mail',
      `SMTP server at ${new URL(mail.smtpUrl).host}: ${reason(error)}`,
      'check SAKSFLYT_SMTP_URL (host, port, user and password)',
    );
  } finally {
    transport.close();
  }
}

/** Any HTTP answer shows the partner is there; signing and paths are its own business. */
async function checkEndpoint(
  subject: string,
  url: string | undefined,
  variable: string,
  fallback: string,
): Promise<Finding> {
  if (!url) return ok(subject, `to the file outbox (${fallback})`);
  try {
    const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(5_000) });
    return ok(subject, `${new URL(url).host} answers (HTTP ${response.status})`);
  } catch (error) {
    return problem(
      subject,
      `${maskSecrets(url)} does not answer (${reason((error as { cause?: unknown }).cause ?? error)})`,
      `check ${variable}`,
    );
  }
}

/** The archive keys, opened without making any file; undefined with a warning when a first start would make them. */
async function archiveKeysOf(settings: Settings): Promise<KeyRing | Finding> {
  const subject = 'Archive';
  const encryption = settings.encryption.keys
    ? KeyRing.fromList(settings.encryption.keys)
    : await readKeyFile(settings.encryption.keyFile).then((file) => file && KeyRing.fromFile(file));
  if (!encryption)
    return warning(
      subject,
      'not checked: there is no encryption key ring yet (see "Encryption keys")',
      "the archive key is the archive's own or derived from the ring; npm start makes both on first start",
    );
  const { keys, keyFile, createIfMissing } = settings.archiveKeys;
  if (!keys && keyFile && createIfMissing && !existsSync(keyFile))
    return warning(
      subject,
      `the archive key file ${keyFile} does not exist yet`,
      'npm start creates it on first start, beside the encryption key ring; back it up with it',
    );
  return openArchiveKeys(settings.archiveKeys, encryption);
}

async function checkArchive(settings: Settings): Promise<Finding> {
  let keys: KeyRing | Finding;
  try {
    keys = await archiveKeysOf(settings);
  } catch (error) {
    return fromError('Archive', error, 'see "The archive key" in docs/audit.md');
  }
  if (!(keys instanceof KeyRing)) return keys;
  const archive = openArchive(settings.dataDir, settings.archiveUrl, keys);
  try {
    const cases = await archive.dufNumbers();
    const head = await archive.head();
    return ok(
      'Archive',
      `${settings.archiveUrl?.startsWith('postgres') ? 'PostgreSQL' : 'file archive'} answers, ${cases.length} case(s) archived` +
        (head.count > 0
          ? `; its newest record checks with the archive keys (new records: ${keys.current.id})`
          : ''),
    );
  } catch (error) {
    if (error instanceof ArchiveRecordError)
      return problem('Archive', error.message, 'run "saksflyt audit verify"; see docs/audit.md');
    return problem(
      'Archive',
      `cannot read the archive (${reason(error)})`,
      'check SAKSFLYT_ARCHIVE_URL (a folder, or postgres://user:password@host/db)',
    );
  } finally {
    await archive.close().catch(() => undefined);
  }
}

async function checkApiPort(settings: Settings): Promise<Finding> {
  const { host, port } = settings.api;
  if (!(await listening(host === '0.0.0.0' ? '127.0.0.1' : host, port)))
    return ok('API port', `${host}:${port} is free`);
  const answer = await fetch(
    `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/api/health/live`,
  ).catch(() => undefined);
  return answer?.ok
    ? ok('API port', `Saksflyt's API answers on ${host}:${port}`)
    : problem(
        'API port',
        `${host}:${port} is taken by another program`,
        'stop it, or choose another SAKSFLYT_API_PORT',
      );
}

/** Every check `saksflyt doctor` makes, in the order a newcomer would fix them. */
export async function diagnose(env: NodeJS.ProcessEnv = process.env): Promise<Finding[]> {
  let settings: Settings;
  try {
    settings = loadSettings(env);
  } catch (error) {
    return [fromError('Configuration', error, 'the README lists every variable')];
  }
  const { integrations } = settings.outbound;
  const outbox = (port: string) => path.join(settings.dataDir, 'outbox', port);
  return [
    ok('Configuration', 'every variable parses'),
    await checkDataDir(settings),
    await checkKeyRing(settings),
    checkCodec(settings),
    checkTemporalTransport(settings),
    ...(await checkTemporal(settings)),
    await checkSmtp(settings),
    await checkEndpoint('SMS', settings.outbound.sms?.gatewayUrl, 'SAKSFLYT_SMS_GATEWAY_URL', outbox('sms')),
    await checkEndpoint('Police', integrations.police?.url, 'SAKSFLYT_POLICE_URL', outbox('police')),
    await checkEndpoint('UNE', integrations.une?.url, 'SAKSFLYT_UNE_URL', outbox('une')),
    await checkEndpoint(
      'Dublin unit',
      integrations.dublinUnit?.url,
      'SAKSFLYT_DUBLIN_UNIT_URL',
      outbox('dublinUnit'),
    ),
    await checkEndpoint(
      'Lawyer scheme',
      integrations.lawyerScheme?.url,
      'SAKSFLYT_LAWYER_SCHEME_URL',
      outbox('lawyerScheme'),
    ),
    await checkArchive(settings),
    await checkApiPort(settings),
  ];
}
