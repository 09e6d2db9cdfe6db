import { archiveKeysFrom, createDataConverter, KeyListSchema, KeyRing } from '@saksflyt/temporal';

/**
 * The key ring of tests, as `SAKSFLYT_ENCRYPTION_KEYS` would give it. Fixed rather than random, so histories
 * recorded by one test run still decode in the next; no deployment ever sees it.
 */
export const TEST_ENCRYPTION_KEYS = `test-key-1:${Buffer.alloc(32, 7).toString('base64')}`;
export const testKeyRing = KeyRing.fromList(KeyListSchema.parse(TEST_ENCRYPTION_KEYS));
/**
 * The tests' converter ACCEPTS unencrypted payloads, unlike a deployment's (SAKSFLYT_CODEC_PLAINTEXT=refuse): the
 * first release's replay fixtures (`workflows/src/__fixtures__/histories/*.json` without `.encrypted`) were recorded
 * before encryption, and must still replay. What it writes is encrypted all the same. The strict codec is proven
 * where it runs as in production: `apps/worker/src/plaintext-refused.e2e.test.ts` and the API's codec tests.
 */
export const testDataConverter = createDataConverter(testKeyRing, { reader: 'worker', plaintext: 'accept' });
/** The archive keys of a process given only the tests' encryption ring (TEMPORAL_ADDRESS set, no archive key). */
export const testArchiveKeys = archiveKeysFrom(testKeyRing);
