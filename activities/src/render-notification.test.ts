import { NOTIFICATION_TEMPLATES, type NotificationFacts, type NotifyApplicant } from '@saksflyt/domain';
import type { NotifyApplicantInput } from './activity-input';
import { LANGUAGE_PACKS, renderForApplicant, renderForReceptionCentre } from './render-notification';

const LANGUAGES = ['uk', 'ru', 'en', 'nb'] as const;

const everyFact: NotificationFacts = {
  interviewAt: '2026-12-16T08:00:00Z',
  interviewLocation: 'oslo',
  interpreterLanguage: 'uk',
  appealDueAt: '2027-01-06T22:59:59Z',
  departureDueAt: '2027-02-05',
  responsibleState: 'SE',
  transferDueAt: '2027-06-16T12:00:00+02:00',
  reasons: ['interview-not-held', 'internal-passport-only'],
  withDutyToLeave: true,
  mustHandInPassport: true,
};

function input(
  language: NotifyApplicant['language'],
  template: NotifyApplicant['template'],
  overrides: Partial<NotifyApplicantInput> = {},
): NotifyApplicantInput {
  return {
    key: 'case-202412345678:7',
    dufNumber: '202412345678',
    template,
    language,
    fullName: 'Olena Kovalenko',
    recipient: { channel: 'private', address: 'Storgata 1, 0155 Oslo', email: 'olena@example.org' },
    facts: everyFact,
    ...overrides,
  };
}

const viaCentre = { recipient: { channel: 'reception-centre', centreName: 'Råde mottak' } } as const;

describe('notification texts', () => {
  it.each(LANGUAGES)('has every template in %s, and no other', (language) => {
    expect(Object.keys(LANGUAGE_PACKS[language].templates).sort()).toEqual(
      [...NOTIFICATION_TEMPLATES].sort(),
    );
  });

  it.each(LANGUAGES)(
    'renders every template in %s to a non-empty subject and body, by either channel',
    (language) => {
      for (const template of NOTIFICATION_TEMPLATES) {
        for (const outcome of ['granted', 'granted-refugee', 'rejected', undefined]) {
          for (const channel of [{}, viaCentre]) {
            const facts = { ...everyFact, outcome, withDutyToLeave: outcome !== 'granted' };
            const message = renderForApplicant(input(language, template, { facts, ...channel }));
            expect(message.subject.trim()).not.toBe('');
            // Greeting, at least one sentence of substance, the DUF number and the signature.
            expect(message.text.split('\n\n').length).toBeGreaterThanOrEqual(4);
            expect(message.text).not.toMatch(/undefined|NaN|Invalid Date|\[object|\$\{/);
            // Ukrainian and Russian dates end in "р." / "г.": a sentence ending in one must not get a second stop.
            expect(message.text).not.toMatch(/(?<!\.)\.\.(?!\.)/);
            expect(message.text).toContain('202412345678');
          }
        }
      }
    },
  );

  it.each([
    ['en', 'Reasons: you have not had your asylum interview; an internal passport'],
    ['nb', 'Begrunnelse: du har ikke hatt asylintervju; et internpass'],
    ['uk', 'Підстави: ви ще не пройшли співбесіду щодо притулку; внутрішнього паспорта'],
    ['ru', 'Основания: вы ещё не прошли собеседование по делу об убежище; внутреннего паспорта'],
  ] as const)(
    'words a refused work permit’s reasons in %s instead of showing their codes',
    (language, words) => {
      const facts = { outcome: 'refused', reasons: ['interview-not-held', 'internal-passport-only'] };
      const { text } = renderForApplicant(input(language, 'work-permit-decided', { facts }));
      expect(text).toContain(words);
      expect(text).not.toContain('interview-not-held');
    },
  );

  it('writes each template differently in each language', () => {
    for (const template of NOTIFICATION_TEMPLATES) {
      const subjects = LANGUAGES.map((language) => renderForApplicant(input(language, template)).subject);
      expect(new Set(subjects).size).toBe(LANGUAGES.length);
    }
  });

  it('writes Ukrainian and Russian in Cyrillic', () => {
    for (const language of ['uk', 'ru'] as const) {
      for (const template of NOTIFICATION_TEMPLATES) {
        expect(renderForApplicant(input(language, template)).subject).toMatch(
          /^[\p{Script=Cyrillic}\s\p{P}A-Z]+$/u,
        );
      }
    }
  });

  it.each([
    ['en', '16 December 2026 at 09:00'],
    ['nb', '16. desember 2026 kl. 09:00'],
    ['uk', '16 грудня 2026 р. о 09:00'],
    ['ru', '16 декабря 2026 г. в 09:00'],
  ] as const)('gives the interview time in Norwegian time, written the %s way', (language, when) => {
    expect(renderForApplicant(input(language, 'interview-invitation')).text).toContain(when);
  });

  it.each([
    ['en', 'Sweden', '5 February 2027'],
    ['nb', 'Sverige', '5. februar 2027'],
    ['uk', 'Швеція', '5 лютого 2027 р.'],
    ['ru', 'Швеция', '5 февраля 2027 г.'],
  ] as const)('names the responsible state and the departure day in %s', (language, state, day) => {
    const { text } = renderForApplicant(input(language, 'dublin-transfer-decided'));
    expect(text).toContain(state);
    expect(text).toContain(day);
  });

  it('addresses a reception-centre message to the staff, in Norwegian, above the resident’s own language', () => {
    const message = renderForReceptionCentre(input('uk', 'interview-invitation', viaCentre));
    expect(message.subject).toBe('Beskjed til Olena Kovalenko: Innkalling til asylintervju hos UDI');
    expect(message.text.startsWith('Til de ansatte ved Råde mottak')).toBe(true);
    expect(message.text).toContain('Beskjeden er på ukrainsk');
    expect(message.text).toContain('Доброго дня, Olena Kovalenko!');
  });
});
