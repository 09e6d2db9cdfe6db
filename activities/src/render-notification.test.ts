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
  attachTravelReimbursementForm: true,
  hotelNight: true,
  returnCountry: 'SE',
  mayStayDuringAppeal: false,
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

  it.each([
    ['en', 'You must leave Norway by the end of 21 December 2026.'],
    ['nb', 'Du må forlate Norge innen utgangen av 21. desember 2026.'],
    ['uk', 'Ви повинні залишити Норвегію до кінця дня 21 грудня 2026 р.'],
    ['ru', 'Вы должны покинуть Норвегию до конца дня 21 декабря 2026 г.'],
  ] as const)(
    'words a deadline stored as the midnight that starts 22 Dec as the end of 21 Dec, as the UI and the PDF do, in %s',
    (language, sentence) => {
      // issue 15: the letter said "до 22 грудня 2026" for the deadline the UI showed as "utgangen av 21. des. 2026".
      const facts = { departureDueAt: '2026-12-21T23:00:00.000Z', withDutyToLeave: true };
      const { text } = renderForApplicant(input(language, 'withdrawal-confirmed', { facts }));
      expect(text).toContain(sentence);
      expect(text).not.toMatch(/22/);
    },
  );

  it('addresses a reception-centre message to the staff, in Norwegian, above the resident’s own language', () => {
    const message = renderForReceptionCentre(input('uk', 'interview-invitation', viaCentre));
    expect(message.subject).toBe('Beskjed til Olena Kovalenko: Innkalling til asylintervju hos UDI');
    expect(message.text.startsWith('Til de ansatte ved Råde mottak')).toBe(true);
    expect(message.text).toContain('Beskjeden er på ukrainsk');
    expect(message.text).toContain('Доброго дня, Olena Kovalenko!');
  });

  describe('rules version 2', () => {
    it.each([
      ['en', 'You can appeal it within three weeks.', 'by the end of 6 January 2027.'],
      ['nb', 'Du kan klage innen tre uker.', 'innen utgangen av 6. januar 2027.'],
      ['uk', 'Ви можете оскаржити його протягом трьох тижнів.', 'до кінця дня 6 січня 2027 р.'],
      ['ru', 'Вы можете обжаловать его в течение трёх недель.', 'до конца дня 6 января 2027 г.'],
    ] as const)('words decision-served with its appeal deadline in %s', (language, rule, deadline) => {
      const facts = { appealDueAt: '2027-01-06' };
      const { text } = renderForApplicant(input(language, 'decision-served', { facts }));
      expect(text).toContain(rule);
      expect(text).toContain(deadline);
    });

    it.each([
      ['en', 'You are to return to Sweden.'],
      ['nb', 'Du skal reise tilbake til Sverige.'],
      ['uk', 'Країна, до якої ви маєте повернутися: Швеція.'],
      ['ru', 'Страна, в которую вы должны вернуться: Швеция.'],
    ] as const)('names the country to return to in application-not-examined, in %s', (language, line) => {
      const facts = { returnCountry: 'SE' };
      const { subject, text } = renderForApplicant(input(language, 'application-not-examined', { facts }));
      expect(subject.trim()).not.toBe('');
      expect(text).toContain(line);
    });

    it.each([
      ['en', 'You may stay in Norway while', 'You may not stay in Norway while', 'You must leave Norway by'],
      ['nb', 'Du kan bli i Norge mens', 'Du kan ikke bli i Norge mens', 'Du må forlate Norge innen'],
      ['uk', 'Ви можете залишатися в Норвегії', 'Ви не можете залишатися в Норвегії', 'Ви повинні залишити'],
      ['ru', 'Вы можете оставаться в Норвегии', 'Вы не можете оставаться в Норвегии', 'Вы должны покинуть'],
    ] as const)(
      'says in suspensive-effect-decided whether the applicant may stay during the appeal, in %s',
      (language, may, mayNot, leave) => {
        const render = (facts: NotificationFacts) =>
          renderForApplicant(input(language, 'suspensive-effect-decided', { facts })).text;
        const granted = render({ mayStayDuringAppeal: true });
        const refused = render({ mayStayDuringAppeal: false, departureDueAt: '2027-02-05' });
        expect(granted).toContain(may);
        expect(granted).not.toContain(leave);
        expect(refused).toContain(mayNot);
        expect(refused).toContain(leave);
      },
    );

    const invitation = { interviewAt: '2026-12-16T08:00:00Z', interviewLocation: 'oslo' } as const;

    it.each([
      ['en', 'As agreed on the phone, UDI has arranged a hotel for you for the night before the interview.'],
      ['nb', 'Som avtalt på telefon har UDI bestilt hotell til deg natten før intervjuet.'],
      [
        'uk',
        'Як домовлено під час телефонної розмови, UDI забронювало для вас готель на ніч перед співбесідою.',
      ],
      [
        'ru',
        'Как договорились по телефону, UDI забронировало для вас гостиницу на ночь перед собеседованием.',
      ],
    ] as const)('says the hotel night before the interview has been arranged, in %s', (language, line) => {
      const render = (facts: NotificationFacts) =>
        renderForApplicant(input(language, 'interview-invitation', { facts }), 'attached').text;
      expect(render({ ...invitation, hotelNight: true })).toContain(line);
      expect(render({ ...invitation, hotelNight: false })).not.toContain(line);
      expect(render(invitation)).not.toContain(line);
    });

    it.each([
      [
        'en',
        'The reimbursement form is attached to this e-mail',
        'enclosed with this letter',
        'by e-mail',
        'by post',
      ],
      ['nb', 'ligger vedlagt denne e-posten', 'ligger vedlagt dette brevet', 'på e-post:', 'i posten:'],
      [
        'uk',
        'додано до цього електронного листа',
        'вкладено в цей лист',
        'електронною поштою:',
        'звичайною поштою:',
      ],
      [
        'ru',
        'приложена к этому электронному письму',
        'вложена в это письмо',
        'по электронной почте:',
        'обычной почтой:',
      ],
    ] as const)(
      'says in %s that the form is attached (e-mail) or enclosed (letter), to be sent back by e-mail or post, and how it comes (SMS)',
      (language, attached, enclosed, byEmail, byPost) => {
        const facts = { ...invitation, attachTravelReimbursementForm: true };
        const render = (mention?: 'attached' | 'enclosed' | 'by-email' | 'by-post') =>
          renderForApplicant(input(language, 'interview-invitation', { facts }), mention);
        expect(render('attached').text).toContain(attached);
        expect(render('attached').text).toContain(
          'Utlendingsdirektoratet, Postboks 2098 Vika, NO-0125 Oslo.',
        );
        expect(render('enclosed').text).toContain(enclosed);
        expect(render('enclosed').text).toContain('Postboks 2098 Vika');
        expect(render('by-email').brief).toContain(byEmail);
        expect(render('by-post').brief).toContain(byPost);
        expect(render('by-email').brief).not.toContain(attached);
        // Without a form going with it, the invitation keeps its earlier wording.
        expect(render().text).toBe(
          renderForApplicant(input(language, 'interview-invitation', { facts: invitation })).text,
        );
      },
    );

    it.each(LANGUAGES)(
      'keeps the reception-centre invitation as it was in %s, form and hotel facts or not',
      (language) => {
        const facts = { ...invitation, attachTravelReimbursementForm: true, hotelNight: true };
        const withFacts = renderForReceptionCentre(
          input(language, 'interview-invitation', { facts, ...viaCentre }),
        );
        const without = renderForReceptionCentre(
          input(language, 'interview-invitation', { facts: invitation, ...viaCentre }),
        );
        expect(withFacts).toEqual(without);
      },
    );
  });
});
