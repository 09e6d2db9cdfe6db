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
    ).toBe('Record the Dublin reply — Not possible in this status');
  });

  it("names a rejected message's fields in the reader's language, never the record's English text", () => {
    expect(
      summarizeEvent(
        MESSAGES.nb,
        event('CommandRejected', {
          command: 'registerWithPolice',
          error: 'ValidationError',
          message: 'registerWithPolice: registeredAt: Invalid ISO datetime; eurodacHit.country: …',
          issues: [
            { path: ['registeredAt'], message: 'Invalid ISO datetime' },
            { path: ['eurodacHit', 'country'], message: 'an ISO 3166-1 alpha-2 country code, e.g. "SE"' },
          ],
        }),
      ),
    ).toBe(
      'Registrer hos politiet — Ugyldige opplysninger · Registrert: Ugyldig verdi. · Land: Velg et land fra listen.',
    );
  });

  it('leaves a delivered notice’s texts out of its one-line summary: they are read under Messages sent', () => {
    const text = summarizeEvent(
      MESSAGES.en,
      event('NoticeDelivered', {
        template: 'interview-invitation',
        causedBySeq: 4,
        channel: 'outbox:sms',
        doneAt: '2025-01-10T09:00:00Z',
        messages: [
          {
            channel: 'sms',
            to: '+4791234567',
            language: 'uk',
            text: 'SECRET TEXT',
            sentAt: '2025-01-10T09:00:00Z',
          },
        ],
      }),
    );
    expect(text).toContain('Interview invitation');
    expect(text).not.toContain('SECRET TEXT');
  });

  it('formats plain values', () => {
    expect(formatValue(MESSAGES.nb, true)).toBe('Ja');
    expect(formatValue(MESSAGES.nb, null)).toBe('Ingen');
    expect(formatValue(MESSAGES.en, ['SE', 'DK'])).toBe('SE, DK');
    expect(formatValue(MESSAGES.en, '2025-03-03')).toBe('3 Mar 2025');
  });
});

describe('work allocation in the timeline', () => {
  const assigned = (actor: string, data: Record<string, unknown>) =>
    ({ ...event('CaseAssigned', data), actor: { id: actor, role: 'caseworker' } }) as CaseEvent;

  it('says who took the case, who handed it to whom, and which queue it went back to', () => {
    expect(
      summarizeEvent(
        MESSAGES.nb,
        assigned('kari', { assignee: 'kari', previousAssignee: null, team: 'registration' }),
      ),
    ).toBe('Tatt av kari');
    expect(
      summarizeEvent(
        MESSAGES.en,
        assigned('kari', { assignee: 'nils', previousAssignee: 'kari', team: 'registration' }),
      ),
    ).toBe('Handed from kari to nils');
    expect(
      summarizeEvent(
        MESSAGES.nb,
        assigned('nils', { assignee: null, previousAssignee: 'nils', team: 'dublin-unit' }),
      ),
    ).toBe('Lagt tilbake i køen til Dublin-enheten (hadde nils)');
    // A team the UI has no name for (configured later) shows as its id.
    expect(
      summarizeEvent(
        MESSAGES.en,
        assigned('admin', { assignee: null, previousAssignee: 'ola', team: 'night-shift' }),
      ),
    ).toBe('Returned to the queue of night-shift (held by ola)');
  });

  it('shows a note’s text, shortened to one line’s worth', () => {
    expect(summarizeEvent(MESSAGES.en, event('NoteAdded', { text: 'Call the lawyer' }))).toBe(
      'Call the lawyer',
    );
    expect(summarizeEvent(MESSAGES.en, event('NoteAdded', { text: 'x'.repeat(500) }))).toHaveLength(240);
  });

  it('gives the whole summary, line breaks kept, to a reader who asks for all of it', () => {
    const grounds = `${'The applicant’s account is credible. '.repeat(10)}\nInternal protection in Lviv.`;
    const decided = event('DecisionMade', { outcome: 'rejected', grounds });
    expect(summarizeEvent(MESSAGES.en, decided)).toHaveLength(240);
    const whole = summarizeEvent(MESSAGES.en, decided, { whole: true });
    expect(whole.length).toBeGreaterThan(240);
    expect(whole).toContain('\nInternal protection in Lviv.');
  });
});
