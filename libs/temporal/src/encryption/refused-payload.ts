// Imported by workflow code: keep this module free of Node APIs.

/**
 * The key of the value a refusing payload codec decodes an unencrypted payload to (SAKSFLYT_CODEC_PLAINTEXT=refuse).
 * A worker's codec cannot refuse a payload by throwing: a throw in decode fails the workflow task, and Temporal
 * retries it for ever. It hands the workflow this value instead, and the workflow refuses the command carrying it.
 */
export const REFUSED_BY_CODEC = '$refusedByCodec';

/** What an unencrypted payload decodes to in a refusing worker: why it was refused, and nothing of what it held. */
export interface RefusedByCodec {
  readonly [REFUSED_BY_CODEC]: string;
}

/** Why the codec refused the payload `value` stands for; undefined for any value that is not such a marker. */
export function refusedByCodec(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, REFUSED_BY_CODEC))
    return undefined;
  const why = (value as Record<string, unknown>)[REFUSED_BY_CODEC];
  return typeof why === 'string' && why.length > 0 ? why : 'an unencrypted payload was refused';
}
