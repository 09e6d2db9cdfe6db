import type { Rejection } from '@saksflyt/domain';
import { refusedByCodec } from '@saksflyt/temporal/refused-payload';

/**
 * A payload that arrived unencrypted reaches a workflow as the codec's marker (SAKSFLYT_CODEC_PLAINTEXT=refuse):
 * refused in the shell, before any rule, as the ValidationError it is, naming the cause. Deterministic: the marker is
 * what the codec makes of the payload on every replay alike. Every workflow that takes input checks it here.
 */
export function codecRefusal(payload: unknown): Extract<Rejection, { error: 'ValidationError' }> | undefined {
  const why = refusedByCodec(payload);
  return why === undefined
    ? undefined
    : { error: 'ValidationError', message: why, issues: [{ path: [], message: why }] };
}
