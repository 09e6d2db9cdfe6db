import type { DataConverter } from '@temporalio/common';

/**
 * The one data converter of the worker, the API and the CLI: they must agree on it, or payloads written by one
 * cannot be read by another. Today it is Temporal's default JSON conversion; the encryption codec joins it here.
 */
export const dataConverter: DataConverter = {};
