import type { Client } from '@temporalio/client';

/** Injection tokens. Explicit tokens, because tsx/esbuild do not emit the decorator metadata Nest infers types from. */
export const TEMPORAL_CLIENT = Symbol('TemporalClient');
export const SETTINGS = Symbol('Settings');
export const USER_STORE = Symbol('UserStore');
export const TOKEN_SERVICE = Symbol('TokenService');
export const CSRF_TOKENS = Symbol('CsrfTokens');
export const CASE_SOURCE = Symbol('CaseSource');
export const ARCHIVE = Symbol('CaseArchive');
export const KEY_RING = Symbol('KeyRing');
export const LIFECYCLE = Symbol('Lifecycle');
export const METRICS = Symbol('ApiMetrics');
export const PERSON_INDEX = Symbol('PersonIndex');

/** Set when the process has been asked to stop, so readiness turns 503 before the server closes. */
export interface Lifecycle {
  shuttingDown: boolean;
}
export const PAGE_TOKENS = Symbol('PageTokens');

export type TemporalClient = Client;
