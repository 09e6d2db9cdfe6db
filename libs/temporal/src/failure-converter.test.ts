import { ApplicationFailure } from '@temporalio/common';
import {
  decodeOptionalFailureToOptionalError,
  encodeErrorToFailure,
  loadDataConverter,
} from '@temporalio/common/lib/internal-non-workflow';
import { createDataConverter } from './data-converter';
import { generateKey, KeyRing } from './encryption/key-ring';

describe('failure messages are encrypted like payloads', () => {
  const converter = loadDataConverter(
    createDataConverter(KeyRing.fromFile({ keys: [generateKey()] }), { reader: 'worker' }),
  );

  it('replaces message and stack trace with "Encoded failure" and keeps them, encrypted, in the attributes', async () => {
    const error = ApplicationFailure.nonRetryable('no e-mail reached oleksandra.zh@example.org');
    const failure = await encodeErrorToFailure(converter, error);
    expect(failure.message).toBe('Encoded failure');
    expect(failure.stackTrace).toBe('');
    const attributes = Buffer.from(failure.encodedAttributes?.data ?? []).toString('latin1');
    expect(attributes).not.toContain('oleksandra');
    const decoded = await decodeOptionalFailureToOptionalError(converter, failure);
    expect(decoded?.message).toBe('no e-mail reached oleksandra.zh@example.org');
  });
});
