import { differencesFromRecord } from './record-comparison';

describe('comparing a folded state with what the record holds (audit verify, rule 13)', () => {
  it('finds no difference where the folded state has a member set to undefined that JSON dropped', () => {
    expect(
      differencesFromRecord(
        { status: 'individual-assessment' },
        { status: 'individual-assessment', appeal: undefined },
      ),
    ).toEqual([]);
  });

  it('finds no difference in members a later release derives that an older record lacks', () => {
    expect(differencesFromRecord({ status: 'departed' }, { status: 'departed', workItems: [] })).toEqual([]);
  });

  it('names each member the record holds that folding does not give', () => {
    expect(
      differencesFromRecord(
        { status: 'departed', passport: { custody: 'returned', kind: 'international' } },
        { status: 'enforcement', passport: { custody: 'police', kind: 'international' } },
      ),
    ).toEqual(['status', 'passport.custody']);
  });

  it('compares lists whole, and a missing folded member as a difference', () => {
    expect(differencesFromRecord({ deadlines: [{ kind: 'appeal' }] }, { deadlines: [] })).toEqual([
      'deadlines',
    ]);
    expect(differencesFromRecord({ decision: { outcome: 'rejected' } }, {})).toEqual(['decision']);
  });
});
