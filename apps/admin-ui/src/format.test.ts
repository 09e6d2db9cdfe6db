import { describe, expect, it } from '@jest/globals';
import type { CaseEvent } from './domain';
import { formatValue, summarizeEvent } from './format';
import { MESSAGES } from './i18n';

const event = (type: string, data: Record<string, unknown>): CaseEvent =>
  ({
    seq: 2,
    type,
    at: '2025-01-10T09:00:00Z',
    actor: { id: 'kari', role: 'caseworker' },
    data,
  }) as CaseEvent;

describe('event summaries', () => {
  it('labels the data, translates enum values and shows times in Oslo', () => {
    const text = summarizeEvent(
      MESSAGES.en,
      event('InterviewRecorded', { outcome: 'no-show', heldAt: '2025-01-10T09:00:00Z' }),
    );
    expect(text).toBe('Outcome: Did not attend · Held: 10 Jan 2025, 10:00');
    expect(
      summarizeEvent(
        MESSAGES.nb,
        event('DecisionMade', { outcome: 'rejected', grounds: 'x', policyVersion: 'v1' }),
      ),
    ).toBe('Utfall: Avslått · Begrunnelse: x');
  });

  it('names the command of a rejected message', () => {
    expect(
      summarizeEvent(
        MESSAGES.en,
        event('CommandRejected', {
          command: 'recordDublinReply',
          error: 'InvalidTransition',
          message: 'not now',
        }),
      ),
    ).toBe('Record the Dublin reply — Not possible in this status: not now');
  });

  it('formats plain values', () => {
    expect(formatValue(MESSAGES.nb, true)).toBe('Ja');
    expect(formatValue(MESSAGES.nb, null)).toBe('Ingen');
    expect(formatValue(MESSAGES.en, ['SE', 'DK'])).toBe('SE, DK');
    expect(formatValue(MESSAGES.en, '2025-03-03')).toBe('3 Mar 2025');
  });
});
