import { readFile } from 'node:fs/promises';
import { Client, type ClientPlugin, type ConnectionOptions } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, type NativeConnectionOptions } from '@temporalio/worker';
import { connectClosable } from './closable-connection';
import type { TemporalSettings } from './settings';
import { StartupError } from './startup-error';

async function readConfigured(file: string, variable: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch {
    throw new StartupError(
      `${variable} names ${file}, which cannot be read`,
      `point ${variable} at a readable file`,
    );
  }
}

/** The options both the client's and the worker's connection take: address, mTLS or API key (Temporal Cloud). */
async function sharedOptions(settings: TemporalSettings) {
  const tls = settings.tls
    ? {
        clientCertPair: {
          crt: await readConfigured(settings.tls.certPath, 'TEMPORAL_TLS_CERT'),
          key: await readConfigured(settings.tls.keyPath, 'TEMPORAL_TLS_KEY'),
        },
        ...(settings.tls.caPath
          ? { serverRootCACertificate: await readConfigured(settings.tls.caPath, 'TEMPORAL_TLS_CA') }
          : {}),
        ...(settings.tls.serverName ? { serverNameOverride: settings.tls.serverName } : {}),
      }
    : settings.apiKey
      ? true
      : undefined;
  return {
    address: settings.address,
    ...(tls === undefined ? {} : { tls }),
    ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
  };
}

function unreachable(settings: TemporalSettings, error: unknown): StartupError {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new StartupError(
    `cannot reach Temporal at ${settings.address} (${reason})`,
    settings.embedded
      ? 'start the system with "npm start", which starts the embedded dev server'
      : 'check TEMPORAL_ADDRESS (and TLS or API key settings), or unset TEMPORAL_ADDRESS to use the embedded dev server',
  );
}

/** `dataConverter` comes from `openDataConverter(settings)`: the client must encrypt as the worker does. */
export async function connectClient(
  settings: TemporalSettings,
  dataConverter: DataConverter,
  plugins: ClientPlugin[] = [],
): Promise<Client> {
  const options: ConnectionOptions = { ...(await sharedOptions(settings)), connectTimeout: 5_000 };
  try {
    const connection = await connectClosable(options);
    return new Client({ connection, namespace: settings.namespace, dataConverter, plugins });
  } catch (error) {
    throw unreachable(settings, error);
  }
}

export async function connectWorker(settings: TemporalSettings): Promise<NativeConnection> {
  const options: NativeConnectionOptions = await sharedOptions(settings);
  try {
    return await NativeConnection.connect(options);
  } catch (error) {
    throw unreachable(settings, error);
  }
}
