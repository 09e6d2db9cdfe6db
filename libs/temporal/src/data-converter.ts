import { existsSync } from 'node:fs';
import path from 'node:path';
import type { DataConverter } from '@temporalio/common';
import { EncryptionCodec, type EncryptionCodecOptions } from './encryption/encryption-codec';
import type { KeyRing } from './encryption/key-ring';
import { openKeyRing } from './encryption/key-source';
import type { Settings } from './settings';

/**
 * The SDK loads a failure converter by path, both into Node and into the workflow bundle. In a built app
 * (`dist/main.js`) the build puts it beside the bundle; from sources it is the TypeScript module.
 */
export const FAILURE_CONVERTER_PATH = ((): string => {
  const built = path.join(__dirname, 'failure-converter.js');
  return existsSync(built) ? built : require.resolve('./failure-converter');
})();

/**
 * The one data converter of the worker, the API and the CLI: they must agree on it, or payloads written by one
 * cannot be read by another. Every payload is encrypted with the ring's newest key before it reaches Temporal; one
 * that arrives unencrypted is refused unless `plaintext` is `accept` (see `EncryptionCodec`). `reader` says how a
 * refusal shows: a worker or a replayer hands its workflow a marker to refuse, a client throws.
 */
export function createDataConverter(keys: KeyRing, options: EncryptionCodecOptions): DataConverter {
  return {
    payloadCodecs: [new EncryptionCodec(keys, options)],
    failureConverterPath: FAILURE_CONVERTER_PATH,
  };
}

/** The data converter the settings ask for: their key ring and their `SAKSFLYT_CODEC_PLAINTEXT`. */
export async function openDataConverter(
  settings: Pick<Settings, 'encryption'>,
  options: Omit<EncryptionCodecOptions, 'plaintext'>,
): Promise<DataConverter> {
  return createDataConverter(await openKeyRing(settings.encryption), {
    ...options,
    plaintext: settings.encryption.plaintext,
  });
}
export type { DataConverter } from '@temporalio/common';
