import {
  AGE_BANDS,
  ageBandLodgedRange,
  ageBandOf,
  type CaseMilestones,
  type OpenCaseCounts,
  processingStats,
  processingWindow,
  quantile,
} from './processing-stats';

const DAY = 86_400_000;
// A Wednesday in winter time (UTC+1): the week began on Monday 2026-11-23 at 00:00 Oslo, 2026-11-22T23:00Z.
const AS_OF = new Date('2026-11-25T12:00:00Z');
const daysBefore = (days: number, from = AS_OF) => new Date(from.getTime() - days * DAY).toISOString();

const noOpenCases = (weeks: number): OpenCaseCounts => ({
  byAgeBand: { '0-30': 0, '31-90': 0, '91-180': 0, '181-365': 0, 'over-365': 0 },
  lodgedPerWeek: Array.from({ length: weeks }, () => 0),
});

describe('quantile (linear interpolation between closest ranks, as percentile_cont)', () => {
  it('gives the middle value, the mean of the two middle ones, and interpolates the 90th percentile', () => {
    expect(quantile([1, 2, 3], 0.5)).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    // Rank (10 - 1) × 0.9 = 8.1: a tenth of the way from the 9th value (9) to the 10th (100).
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 100], 0.9)).toBeCloseTo(18.1, 10);
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([], 0.5)).toBeNull();
  });
});

describe('processingWindow', () => {
  it('starts each week on Monday 00:00 in Oslo, the last week being the current one', () => {
    const window = processingWindow(AS_OF, 3);
    expect(window.weeks.map((week) => week.weekStart)).toEqual(['2026-11-09', '2026-11-16', '2026-11-23']);
    expect(window.start.toISOString()).toBe('2026-11-08T23:00:00.000Z');
    expect(window.weeks[2]?.end.toISOString()).toBe('2026-11-29T23:00:00.000Z');
  });

  it('follows summer time: a week in July starts at 22:00Z on Sunday', () => {
    const window = processingWindow(new Date('2026-07-05T21:59:59Z'), 1);
    // Sunday 23:59:59 in Oslo still belongs to the week that began on Monday 29 June.
    expect(window.weeks[0]).toMatchObject({ weekStart: '2026-06-29' });
    expect(window.start.toISOString()).toBe('2026-06-28T22:00:00.000Z');
    expect(processingWindow(new Date('2026-07-05T22:00:00Z'), 1).weeks[0]?.weekStart).toBe('2026-07-06');
  });

  it('spans the clock change: the week of 19 October 2026 (summer time ends on the 25th) is 169 hours long', () => {
    const [week] = processingWindow(new Date('2026-10-21T12:00:00Z'), 1).weeks;
    expect(week?.weekStart).toBe('2026-10-19');
    expect(((week?.end.getTime() ?? 0) - (week?.start.getTime() ?? 0)) / 3_600_000).toBe(169);
  });

  it('refuses a number of weeks outside 1–104', () => {
    expect(() => processingWindow(AS_OF, 0)).toThrow(RangeError);
    expect(() => processingWindow(AS_OF, 105)).toThrow(RangeError);
    expect(() => processingWindow(AS_OF, 2.5)).toThrow(RangeError);
  });
});

describe('age bands', () => {
  it('counts whole days since lodging, each band through its last day', () => {
    expect(ageBandOf(daysBefore(0), AS_OF)).toBe('0-30');
    expect(ageBandOf(daysBefore(30.99), AS_OF)).toBe('0-30');
    expect(ageBandOf(daysBefore(31), AS_OF)).toBe('31-90');
    expect(ageBandOf(daysBefore(90.5), AS_OF)).toBe('31-90');
    expect(ageBandOf(daysBefore(91), AS_OF)).toBe('91-180');
    expect(ageBandOf(daysBefore(365.9), AS_OF)).toBe('181-365');
    expect(ageBandOf(daysBefore(366), AS_OF)).toBe('over-365');
  });

  it('gives the lodging range a count query asks, agreeing with ageBandOf at the edges', () => {
    for (const band of AGE_BANDS) {
      const { lodgedAfter, lodgedAtOrBefore } = ageBandLodgedRange(band, AS_OF);
      if (lodgedAtOrBefore) {
        expect(ageBandOf(lodgedAtOrBefore, AS_OF)).toBe(band.band);
        expect(ageBandOf(new Date(lodgedAtOrBefore.getTime() + 1), AS_OF)).not.toBe(band.band);
      }
      if (lodgedAfter) {
        expect(ageBandOf(new Date(lodgedAfter.getTime() + 1), AS_OF)).toBe(band.band);
        expect(ageBandOf(lodgedAfter, AS_OF)).not.toBe(band.band);
      }
    }
    expect(ageBandLodgedRange(AGE_BANDS[0], AS_OF)).toEqual({ lodgedAfter: new Date(daysBefore(31)) });
    expect(ageBandLodgedRange(AGE_BANDS[4], AS_OF)).toEqual({ lodgedAtOrBefore: new Date(daysBefore(366)) });
  });
});

describe('processingStats', () => {
  const window = processingWindow(AS_OF, 4);

  it('gives every track, band and week with no cases: zero counts and null days', () => {
    const stats = processingStats({ window, closed: [], openDecided: [], open: noOpenCases(4) });
    expect(stats.tracks.map((figures) => figures.track)).toEqual([
      'undetermined',
      'collective',
      'individual',
      'dublin',
    ]);
    for (const figures of [...stats.tracks, stats.overall]) {
      expect(figures.toDecision).toEqual({ cases: 0, medianDays: null, p90Days: null });
      expect(figures.toClosing).toEqual({ cases: 0, medianDays: null, p90Days: null });
    }
    expect(stats.openByAge.map((band) => band.band)).toEqual([
      '0-30',
      '31-90',
      '91-180',
      '181-365',
      'over-365',
    ]);
    expect(stats.perWeek).toEqual([
      { weekStart: '2026-11-02', lodged: 0, decided: 0, closed: 0 },
      { weekStart: '2026-11-09', lodged: 0, decided: 0, closed: 0 },
      { weekStart: '2026-11-16', lodged: 0, decided: 0, closed: 0 },
      { weekStart: '2026-11-23', lodged: 0, decided: 0, closed: 0 },
    ]);
    expect(stats).toMatchObject({ asOf: AS_OF.toISOString(), weeks: 4 });
  });

  it('takes medians and 90th percentiles per track, over cases decided or closed within the window', () => {
    const individual = (lodgedDaysAgo: number, decidedDaysAgo: number, closedDaysAgo?: number) => ({
      track: 'individual' as const,
      lodgedAt: daysBefore(lodgedDaysAgo),
      firstDecisionAt: daysBefore(decidedDaysAgo),
      ...(closedDaysAgo === undefined ? {} : { closedAt: daysBefore(closedDaysAgo) }),
    });
    const closed: CaseMilestones[] = [
      // Decided after 10, 20 and 40 days, closed 5 days after each decision.
      individual(12, 2, 0.5),
      individual(22, 2, 0.5),
      individual(42, 2, 0.5),
      // Decided and closed long before the window: in neither figure.
      individual(400, 300, 200),
      {
        track: 'collective',
        lodgedAt: daysBefore(3),
        firstDecisionAt: daysBefore(1),
        closedAt: daysBefore(1),
      },
    ];
    // An open case decided within the window counts to the decision, not to closing.
    const openDecided: CaseMilestones[] = [individual(32, 2)];
    const stats = processingStats({ window, closed, openDecided, open: noOpenCases(4) });
    const byTrack = Object.fromEntries(stats.tracks.map((figures) => [figures.track, figures]));
    // To decision: 10, 20, 30, 40 days → median 25, p90 at rank 2.7: 30 + 0.7 × 10 = 37.
    expect(byTrack.individual?.toDecision).toEqual({ cases: 4, medianDays: 25, p90Days: 37 });
    // To closing: 11.5, 21.5, 41.5 days → median 21.5, p90 at rank 1.8: 21.5 + 0.8 × 20 = 37.5.
    expect(byTrack.individual?.toClosing).toEqual({ cases: 3, medianDays: 21.5, p90Days: 37.5 });
    expect(byTrack.collective?.toDecision).toEqual({ cases: 1, medianDays: 2, p90Days: 2 });
    expect(byTrack.dublin?.toDecision.cases).toBe(0);
    expect(stats.overall.toDecision.cases).toBe(5);
    expect(stats.overall.toClosing.cases).toBe(4);
  });

  it('counts per Oslo week: lodged (open counts plus closed cases), decided (open and closed) and closed', () => {
    const closed: CaseMilestones[] = [
      // Lodged Sunday 22 November 23:30 in Oslo (22:30Z): the week of 16 November, not of 23 November.
      {
        track: 'collective',
        lodgedAt: '2026-11-22T22:30:00Z',
        firstDecisionAt: '2026-11-22T23:30:00Z',
        closedAt: '2026-11-22T23:30:00Z',
      },
      // Lodged before the window: only its decision and closing count.
      {
        track: 'individual',
        lodgedAt: '2026-09-01T10:00:00Z',
        firstDecisionAt: '2026-11-03T10:00:00Z',
        closedAt: '2026-11-10T10:00:00Z',
      },
    ];
    const openDecided: CaseMilestones[] = [
      { track: 'dublin', lodgedAt: '2026-10-01T10:00:00Z', firstDecisionAt: '2026-11-24T10:00:00Z' },
    ];
    const open = { ...noOpenCases(4), lodgedPerWeek: [3, 0, 1, 2] };
    const stats = processingStats({ window, closed, openDecided, open });
    expect(stats.perWeek).toEqual([
      { weekStart: '2026-11-02', lodged: 3, decided: 1, closed: 0 },
      { weekStart: '2026-11-09', lodged: 0, decided: 0, closed: 1 },
      { weekStart: '2026-11-16', lodged: 2, decided: 0, closed: 0 },
      { weekStart: '2026-11-23', lodged: 2, decided: 2, closed: 1 },
    ]);
  });

  it('passes the open counts by age band through in band order', () => {
    const open: OpenCaseCounts = {
      byAgeBand: { 'over-365': 1, '0-30': 7, '31-90': 5, '91-180': 0, '181-365': 2 },
      lodgedPerWeek: [0, 0, 0, 0],
    };
    expect(processingStats({ window, closed: [], openDecided: [], open }).openByAge).toEqual([
      { band: '0-30', cases: 7 },
      { band: '31-90', cases: 5 },
      { band: '91-180', cases: 0 },
      { band: '181-365', cases: 2 },
      { band: 'over-365', cases: 1 },
    ]);
  });

  it('counts a closed case from before the milestones by whatever it has: a closing without a known decision', () => {
    // A case archived before firstDecisionAt existed, whose events did not say (the archive folds the events
    // where it can): it counts to closing and to the week it was lodged and closed, not to the decision.
    const closed: CaseMilestones[] = [
      { track: 'undetermined', lodgedAt: daysBefore(6), closedAt: daysBefore(1) },
    ];
    const stats = processingStats({ window, closed, openDecided: [], open: noOpenCases(4) });
    expect(stats.overall.toDecision.cases).toBe(0);
    expect(stats.overall.toClosing).toEqual({ cases: 1, medianDays: 5, p90Days: 5 });
    expect(stats.perWeek.reduce((sum, week) => sum + week.lodged, 0)).toBe(1);
    expect(stats.perWeek.reduce((sum, week) => sum + week.decided, 0)).toBe(0);
  });

  it('rounds days to one decimal', () => {
    const closed: CaseMilestones[] = [
      {
        track: 'dublin',
        lodgedAt: daysBefore(1 + 1 / 3),
        firstDecisionAt: daysBefore(0),
        closedAt: daysBefore(0),
      },
    ];
    const stats = processingStats({ window, closed, openDecided: [], open: noOpenCases(4) });
    expect(stats.overall.toDecision.medianDays).toBe(1.3);
  });
});
