import { describe, expect, it } from '@jest/globals';
import { Scenario } from '@saksflyt/domain/testing';
import { fold } from './domain';
import { canonicalJson, diffStates } from './state-diff';

describe('diffStates', () => {
  it('finds nothing between equal states', () => {
    const state = { status: 'lodged', passport: { kind: 'none', custody: 'applicant' }, deadlines: [] };
    expect(diffStates(state, structuredClone(state))).toEqual([]);
  });

  it('names changed leaves by their dotted path, recursing into nested objects', () => {
    expect(
      diffStates(
        {
          status: 'lodged',
          passport: { kind: 'none', custody: 'applicant' },
          appeal: { une: { outcome: 'x' } },
        },
        {
          status: 'rejected',
          passport: { kind: 'none', custody: 'police' },
          appeal: { une: { outcome: 'y' } },
        },
      ),
    ).toEqual([
      { path: 'status', change: 'changed', before: 'lodged', after: 'rejected' },
      { path: 'passport.custody', change: 'changed', before: 'applicant', after: 'police' },
      { path: 'appeal.une.outcome', change: 'changed', before: 'x', after: 'y' },
    ]);
  });

  it('compares arrays whole, as JSON values', () => {
    const before = {
      deadlines: [{ kind: 'appeal', dueAt: '2025-01-01T22:59:59.999Z' }],
      reasons: ['a', 'b'],
    };
    expect(diffStates(before, { ...before, reasons: ['b', 'a'] })).toEqual([
      { path: 'reasons', change: 'changed', before: ['a', 'b'], after: ['b', 'a'] },
    ]);
    // The same items with their keys in another order are the same JSON value.
    expect(
      diffStates(before, { ...before, deadlines: [{ dueAt: '2025-01-01T22:59:59.999Z', kind: 'appeal' }] }),
    ).toEqual([]);
    expect(diffStates({ deadlines: [] }, { deadlines: [{ kind: 'appeal' }] })).toEqual([
      { path: 'deadlines', change: 'changed', before: [], after: [{ kind: 'appeal' }] },
    ]);
  });

  it('shows added and removed keys with their whole value', () => {
    const decision = { outcome: 'rejected', grounds: 'g', policyVersion: 'v1' };
    expect(diffStates({ a: 1, withdrawal: { receivedAt: 't' } }, { a: 1, decision })).toEqual([
      { path: 'withdrawal', change: 'removed', before: { receivedAt: 't' }, after: undefined },
      { path: 'decision', change: 'added', before: undefined, after: decision },
    ]);
    expect(
      diffStates(
        { dublin: { eurodacHit: true } },
        { dublin: { eurodacHit: true, reply: { accepted: false } } },
      ),
    ).toEqual([{ path: 'dublin.reply', change: 'added', before: undefined, after: { accepted: false } }]);
  });

  it('treats an undefined field as absent, and null, arrays and objects as different values', () => {
    expect(diffStates({ a: undefined, b: 1 }, { b: 1 })).toEqual([]);
    expect(diffStates({ hit: null }, { hit: { country: 'SE' } })).toEqual([
      { path: 'hit', change: 'changed', before: null, after: { country: 'SE' } },
    ]);
    expect(diffStates({ x: {} }, { x: [] })).toEqual([
      { path: 'x', change: 'changed', before: {}, after: [] },
    ]);
    expect(diffStates({ n: 0 }, { n: false })).toEqual([
      { path: 'n', change: 'changed', before: 0, after: false },
    ]);
  });

  it('counts a missing state as empty', () => {
    expect(diffStates(null, { status: 'lodged' })).toEqual([
      { path: 'status', change: 'added', before: undefined, after: 'lodged' },
    ]);
    expect(diffStates(null, null)).toEqual([]);
  });

  it('does not change its inputs', () => {
    const before = { a: { b: [1, 2] } };
    const after = { a: { b: [2, 1] }, c: 1 };
    const copies = [structuredClone(before), structuredClone(after)];
    diffStates(before, after);
    expect([before, after]).toEqual(copies);
  });

  it('diffs two moments of a real case folded with the domain', () => {
    const scenario = new Scenario().send('registerWithPolice', {
      registeredAt: '2026-11-03T10:00:00+01:00',
      policeDistrict: 'Øst',
      passport: { kind: 'international', surrendered: true },
      eurodacHit: null,
    });
    const rows = diffStates(fold(scenario.events.slice(0, 1)), fold(scenario.events));
    const paths = rows.map((row) => row.path);
    expect(paths).toEqual(
      expect.arrayContaining(['status', 'passport.kind', 'passport.custody', 'registration', 'lastEventSeq']),
    );
    expect(rows.find((row) => row.path === 'status')).toMatchObject({
      before: 'lodged',
      after: 'awaiting-collective-assessment',
    });
    expect(rows.find((row) => row.path === 'registration')).toMatchObject({ change: 'added' });
    expect(paths).not.toContain('dufNumber');
  });
});

it('writes canonical JSON whatever the key order', () => {
  expect(canonicalJson({ b: 1, a: { d: 2, c: [{ f: 1, e: 2 }] } })).toBe(
    '{"a":{"c":[{"e":2,"f":1}],"d":2},"b":1}',
  );
});
