import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  COLLECTIVE_PROTECTION_GRANTED,
  interviewed,
  registered,
  Scenario,
  anApplication,
} from '@saksflyt/domain/testing';
import {
  type ArchiveEntry,
  type ArchiveKey,
  type ArchiveKeys,
  type ArchiveRecord,
  GENESIS_HASH,
  hashOf,
  macOf,
} from '../archive';

/** A key ring for tests, newest last. */
export function keyRing(...keys: ArchiveKey[]): ArchiveKeys {
  const current = keys.at(-1);
  if (!current) throw new Error('a ring needs a key');
  return { current, find: (id) => keys.find((key) => key.id === id) };
}

export const ARCHIVE_KEY: ArchiveKey = { id: 'archive-2026', key: Buffer.alloc(32, 3) };
export const testKeys = keyRing(ARCHIVE_KEY);

/** A case with a decision: rejected, on grounds an attacker would like to change. */
export function entry(key: string, dufNumber = '202430000001'): ArchiveEntry {
  const { events, state } = interviewed(new Scenario(anApplication({ dufNumber }))).send('decide', {
    outcome: 'rejected',
    grounds: 'no risk on return',
  });
  return { reason: 'on-demand', workflowId: `case-${dufNumber}`, dufNumber, key, runs: [], events, state };
}

/**
 * A closed case, as its workflow archives it when it closes: collective protection granted, which closes it at once.
 * Lodged at `lodgedAt`, granted (decided and closed) at `grantedAt`; `beforeMilestones` strips `firstDecisionAt` and
 * `closedAt` from its state, as a record archived before the state carried them looks.
 */
export function closedEntry(
  key: string,
  dufNumber = '202430000001',
  {
    lodgedAt,
    grantedAt,
    beforeMilestones = false,
  }: { lodgedAt?: string; grantedAt?: string; beforeMilestones?: boolean } = {},
): ArchiveEntry {
  const opened = new Scenario(anApplication({ dufNumber, ...(lodgedAt ? { lodgedAt } : {}) }));
  const { events, state } = registered(grantedAt ? opened.at(grantedAt) : opened).send(
    'assessCollectiveProtection',
    COLLECTIVE_PROTECTION_GRANTED,
  );
  if (!state.closed) throw new Error('the case did not close');
  const { firstDecisionAt: _decided, closedAt: _closed, ...withoutMilestones } = state;
  return {
    reason: 'case-closed',
    workflowId: `case-${dufNumber}`,
    dufNumber,
    key,
    runs: [{ runId: 'run-1', history: { events: [] } }],
    events,
    state: beforeMilestones ? withoutMilestones : state,
  };
}

/** The grounds of the decision in a record, changed in place. */
export function changeDecision(record: ArchiveRecord, grounds: string): void {
  const decision = record.events.find((event) => event.type === 'DecisionMade');
  if (!decision) throw new Error('no decision to change');
  (decision.data as { grounds: string }).grounds = grounds;
}

/**
 * What whoever can write the archive could do before it was keyed: change a record, then recompute every later hash
 * (and the head) so that the chain is consistent again. Without the archive key they can only use SHA-256; with it
 * (`key`), the HMAC.
 */
export function rewriteChain(
  records: ArchiveRecord[],
  from: number,
  options: { key?: ArchiveKey; dropKeyId?: boolean } = {},
): ArchiveRecord[] {
  let previous = from === 0 ? GENESIS_HASH : (records[from - 1]?.hash ?? GENESIS_HASH);
  return records.map((record, position) => {
    if (position < from) return record;
    const { hash: _hash, keyId, prevHash: _prevHash, ...rest } = record;
    const content = {
      ...rest,
      ...(options.key ? { keyId: options.key.id } : options.dropKeyId ? {} : keyId ? { keyId } : {}),
      prevHash: previous,
    };
    const hash = options.key ? macOf(content, options.key.key) : hashOf(content);
    previous = hash;
    return { ...content, hash };
  });
}

export const chainFile = (directory: string) => path.join(directory, 'chain.jsonl');
export const headFile = (directory: string) => path.join(directory, 'head.json');

export function readChain(directory: string): ArchiveRecord[] {
  return readFileSync(chainFile(directory), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ArchiveRecord);
}

/** Writes a chain and a head.json that agrees with it: what an attacker who rewrote the chain also does. */
export function writeChain(directory: string, records: ArchiveRecord[], keyedFrom?: number): void {
  writeFileSync(chainFile(directory), records.map((record) => `${JSON.stringify(record)}\n`).join(''));
  const last = records.at(-1);
  writeFileSync(
    headFile(directory),
    JSON.stringify({
      count: records.length,
      hash: last?.hash ?? GENESIS_HASH,
      ...(keyedFrom !== undefined ? { keyedFrom } : {}),
    }),
  );
}

/** An archive of the first releases: records with SHA-256 hashes and no key. */
export function legacyRecords(entries: ArchiveEntry[]): ArchiveRecord[] {
  let previous = GENESIS_HASH;
  return entries.map((archived, index) => {
    const content = {
      index,
      archivedAt: new Date(Date.UTC(2025, 0, index + 1)).toISOString(),
      ...archived,
      prevHash: previous,
    };
    const hash = hashOf(content);
    previous = hash;
    return { ...content, hash };
  });
}
