import type { Connection } from '@temporalio/client';
import { status } from '@grpc/grpc-js';
import { SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTES } from './search-attributes';
import { StartupError } from './startup-error';

const { IndexedValueType } = temporal.api.enums.v1;
const INDEXED_VALUE_TYPE: Record<SearchAttributeType, temporal.api.enums.v1.IndexedValueType> = {
  [SearchAttributeType.TEXT]: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  [SearchAttributeType.KEYWORD]: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  [SearchAttributeType.INT]: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  [SearchAttributeType.DOUBLE]: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  [SearchAttributeType.BOOL]: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  [SearchAttributeType.DATETIME]: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  [SearchAttributeType.KEYWORD_LIST]: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

/**
 * The contract's search attributes must exist before the first case: register the missing ones on a Temporal
 * cluster and on the time-skipping test server (the embedded dev server gets them as start flags instead).
 */
export async function ensureSearchAttributes(
  connection: Pick<Connection, 'operatorService'>,
  namespace: string,
): Promise<void> {
  const registered = await registeredNames(connection, namespace);
  const missing = Object.values(SEARCH_ATTRIBUTES).filter((key) => !registered.has(key.name));
  if (missing.length === 0) return;
  try {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((key) => [key.name, INDEXED_VALUE_TYPE[key.type]])),
    });
  } catch (error) {
    throw new StartupError(
      `search attributes ${missing.map((key) => key.name).join(', ')} are missing in namespace ${namespace} and could not be added (${(error as Error).message})`,
      'register them as docs/operations.md shows (temporal operator search-attribute create, or tcld for Temporal Cloud)',
    );
  }
}

/** The contract's search attributes the namespace lacks (`saksflyt doctor`, and the worker before it adds them). */
export async function missingSearchAttributes(
  connection: Pick<Connection, 'operatorService'>,
  namespace: string,
): Promise<string[]> {
  const registered = await registeredNames(connection, namespace);
  return Object.values(SEARCH_ATTRIBUTES)
    .map((key) => key.name)
    .filter((name) => !registered.has(name));
}

/** The custom attributes the namespace has; none known where the server cannot list them (the test server). */
async function registeredNames(
  connection: Pick<Connection, 'operatorService'>,
  namespace: string,
): Promise<Set<string>> {
  try {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
    return new Set(Object.keys(customAttributes ?? {}));
  } catch (error) {
    if ((error as { code?: number }).code === status.UNIMPLEMENTED) return new Set();
    throw error;
  }
}
