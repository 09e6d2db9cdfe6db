import { describe, expect, it } from '@jest/globals';
import { hrefOf, landingHash, parseHash } from './router';

describe('hash routes', () => {
  it('parses every page', () => {
    expect(parseHash('')).toEqual({ name: 'dashboard' });
    expect(parseHash('#/')).toEqual({ name: 'dashboard' });
    expect(parseHash('#/cases?status=rejected&track=dublin')).toEqual({
      name: 'cases',
      query: { status: 'rejected', track: 'dublin' },
    });
    expect(parseHash('#/cases/202500000001')).toEqual({ name: 'case', dufNumber: '202500000001' });
    expect(parseHash('#/cases/202500000001/audit')).toEqual({ name: 'audit', dufNumber: '202500000001' });
    expect(parseHash('#/cases/202500000001/other')).toEqual({
      name: 'notFound',
      path: '/cases/202500000001/other',
    });
    expect(parseHash('#/new')).toEqual({ name: 'new' });
    expect(parseHash('#/mine')).toEqual({ name: 'mine' });
    expect(parseHash('#/queues')).toEqual({ name: 'queues' });
    expect(parseHash('#/queues?team=dublin-unit')).toEqual({ name: 'queues', team: 'dublin-unit' });
    expect(parseHash('#/workload')).toEqual({ name: 'workload' });
    expect(parseHash('#/policy')).toEqual({ name: 'policy' });
    expect(parseHash('#/policy?version=NO-UKR-2025-01-13')).toEqual({
      name: 'policy',
      version: 'NO-UKR-2025-01-13',
    });
    expect(parseHash('#/nowhere')).toEqual({ name: 'notFound', path: '/nowhere' });
    expect(parseHash('#main')).toBeNull();
  });

  it('round-trips hrefs', () => {
    for (const href of [
      '#/',
      '#/cases',
      '#/cases?status=lodged',
      '#/cases/202500000001',
      '#/cases/202500000001/audit',
      '#/new',
      '#/mine',
      '#/queues',
      '#/queues?team=interviews-oslo',
      '#/workload',
      '#/policy',
      '#/policy?version=accelerated%2FNO-UKR-2025-01-13',
    ]) {
      const route = parseHash(href);
      expect(route && hrefOf(route)).toBe(href);
    }
    expect(hrefOf({ name: 'cases', query: { status: '', track: 'dublin' } })).toBe('#/cases?track=dublin');
  });
});

describe('where a user lands', () => {
  it('sends a caseworker at the front page to My cases, and the other roles to the dashboard', () => {
    expect(landingHash('caseworker', '')).toBe('#/mine');
    expect(landingHash('caseworker', '#/')).toBe('#/mine');
    expect(landingHash('admin', '')).toBeNull();
    expect(landingHash('auditor', '#/')).toBeNull();
  });

  it('keeps anyone on the page the address names', () => {
    expect(landingHash('caseworker', '#/cases/202500000001')).toBeNull();
    expect(landingHash('caseworker', '#/queues')).toBeNull();
  });
});
