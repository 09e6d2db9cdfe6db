import { archiveKeysFrom, createDataConverter, KeyListSchema, KeyRing } from '@saksflyt/temporal';

/**
 * The key ring of tests, as `SAKSFLYT_ENCRYPTION_KEYS` would give it. Fixed rather than random, so histories
 * recorded by one test run still decode in the next; no deployment ever sees it.
 */
export const TEST_ENCRYPTION_KEYS = `test-key-1:${Buffer.alloc(32, 7).toString('base64')}`;
export const testKeyRing = KeyRing.fromList(KeyListSchema.parse(TEST_ENCRYPTION_KEYS));
export const testDataConverter = createDataConverter(testKeyRing);
/** The archive keys of a process given only the tests' encryption ring (TEMPORAL_ADDRESS set, no archive key). */
export const testArchiveKeys = archiveKeysFrom(testKeyRing);
