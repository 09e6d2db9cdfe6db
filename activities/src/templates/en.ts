import {
  worded,
  type LanguagePack,
  type ReasonWording,
  type MessageContext,
  UDI_POSTAL_ADDRESS_LINE,
} from './language-pack';

const place = (m: MessageContext): string =>
  ({
    oslo: " at UDI's office in Oslo",
    trondheim: " at UDI's office in Trondheim",
    online: ' online (video)',
    none: '',
  })[m.facts.interviewLocation ?? 'none'];

const appointment = (m: MessageContext): string =>
  `${m.facts.interviewAt ? ` on ${m.dateTime(m.facts.interviewAt)}` : ''}${place(m)}`;

/** Travelling to the interview from a private address, and how this message refers to the reimbursement form. */
const travel = (m: MessageContext): string => {
  const sendBack = 'fill it in and send it back to UDI by e-mail or post';
  const form = {
    attached: `The reimbursement form is attached to this e-mail: fill it in and send it back to UDI by e-mail, or by post to ${UDI_POSTAL_ADDRESS_LINE}.`,
    enclosed: `The reimbursement form is enclosed with this letter: fill it in and send it back to UDI by e-mail, or by post to ${UDI_POSTAL_ADDRESS_LINE}.`,
    'by-email': `UDI is sending you the reimbursement form by e-mail: ${sendBack}.`,
    'by-post': `UDI is sending you the reimbursement form by post: ${sendBack}.`,
    none: `UDI will send you a reimbursement form by e-mail: ${sendBack}.`,
  }[m.reimbursementForm ?? 'none'];
  return `You are to make travel arrangements to UDI on your own, but you will be reimbursed for your expenses. ${form}`;
};

const REASONS: ReasonWording = {
  'interview-not-held': 'you have not had your asylum interview',
  'no-valid-passport': 'you do not have a valid passport',
  'internal-passport-only': 'an internal passport (passport card) is not enough, you need a valid passport',
  'decision-made': 'you have already received an answer to your application',
  'dublin-case': 'your application is processed as a Dublin case',
  rejected: 'your application for protection has been rejected',
};

const reasons = (m: MessageContext): string | false =>
  !!m.facts.reasons?.length && `Reasons: ${worded(m.facts.reasons, REASONS)}.`;

const leaveBy = (m: MessageContext): string =>
  m.facts.departureDueAt
    ? `You must leave Norway ${m.deadline(m.facts.departureDueAt)}.`
    : 'You must leave Norway within the deadline you are given.';

export const en: LanguagePack = {
  locale: 'en-GB',
  greeting: (fullName) => `Dear ${fullName},`,
  dufNumberLine: (dufNumber) => `Your DUF number: ${dufNumber}`,
  closing: 'Kind regards,\nThe Norwegian Directorate of Immigration (UDI)',
  templates: {
    'decision-served': (m) => ({
      subject: 'Your deadline to appeal',
      lines: [
        'The decision in your case has been served on you. You can appeal it within three weeks.',
        m.facts.appealDueAt && `Your appeal must be posted or handed in ${m.deadline(m.facts.appealDueAt)}.`,
        'Your lawyer can help you with the appeal and ask for you to stay in Norway while it is considered.',
      ],
    }),
    'application-not-examined': (m) => ({
      subject: 'Your application will not be examined in Norway',
      lines: [
        'UDI will not examine your application for protection in Norway, because you travelled to Norway from a safe country where you can be protected.',
        m.facts.returnCountry && `You are to return to ${m.country(m.facts.returnCountry)}.`,
        'You can appeal the decision. The deadline counts from when the decision is served on you.',
      ],
    }),
    'suspensive-effect-decided': (m) => ({
      subject: 'Whether you may stay in Norway during your appeal',
      lines: [
        m.facts.mayStayDuringAppeal
          ? 'You may stay in Norway while your appeal is being considered.'
          : 'You may not stay in Norway while your appeal is being considered.',
        !m.facts.mayStayDuringAppeal && leaveBy(m),
      ],
    }),
    'collective-protection-granted': () => ({
      subject: 'You have been granted temporary collective protection',
      lines: [
        'You have been granted temporary collective protection in Norway.',
        'The permit is granted for one year at a time and does not give you refugee status.',
      ],
    }),
    'assessed-individually': (m) => ({
      subject: 'Your application will be assessed individually',
      lines: [
        'You are not eligible for collective protection. UDI will therefore assess your application for protection (asylum) individually, under the ordinary requirements that apply to all nationalities.',
        'If you travelled to Norway through a safe country, your case may be referred to another country under the Dublin Regulation.',
        m.facts.mustHandInPassport &&
          'You must hand in your passport at your local police station while your application is being processed.',
      ],
    }),
    'dublin-case-registered': (m) => ({
      subject: 'Your case is a Dublin case',
      lines: [
        'Your case has been registered as a Dublin case. UDI will determine whether Norway or another Dublin country is responsible for your application. We will not assess your need for protection at this stage.',
        m.facts.responsibleState &&
          `UDI will ask ${m.country(m.facts.responsibleState)} to take responsibility for your application.`,
      ],
    }),
    'dublin-transfer-decided': (m) => {
      const state = m.facts.responsibleState ? m.country(m.facts.responsibleState) : 'another country';
      return {
        subject: `Your application will be processed in ${state}`,
        lines: [
          `UDI has decided that ${state} is responsible for your application. You must travel there, and your application will be processed there.`,
          m.facts.departureDueAt && `You must leave Norway ${m.deadline(m.facts.departureDueAt)}.`,
          m.facts.transferDueAt && `The transfer must take place ${m.deadline(m.facts.transferDueAt)}.`,
          'You can appeal the decision. UDI will assign you a lawyer, who will explain the decision and help you with the appeal.',
          m.facts.appealDueAt && `You must appeal ${m.deadline(m.facts.appealDueAt)}.`,
          'You will not normally be allowed to stay in Norway while the appeal is being processed.',
        ],
      };
    },
    'interview-invitation': (m) => ({
      subject: 'Invitation to an asylum interview at UDI',
      lines: [
        `You are invited to an asylum interview${appointment(m)}.`,
        m.facts.interpreterLanguage &&
          `An interpreter who speaks ${m.languageName(m.facts.interpreterLanguage)} will be present.`,
        'You are obliged to attend. The interview is thorough and often takes a full day.',
        ...(m.via === 'reception-centre'
          ? m.facts.interviewLocation === 'online'
            ? [`The staff at ${m.centreName} will set up the online interview for you.`]
            : [
                `The staff at ${m.centreName} will help you arrange your travel to UDI. If you need to stay overnight, they will arrange your accommodation.`,
              ]
          : [
              m.facts.interviewLocation === 'online'
                ? 'The interview is held online, so you do not need to travel.'
                : travel(m),
              m.facts.interviewLocation !== 'online' &&
                (m.facts.hotelNight
                  ? 'As agreed on the phone, UDI has arranged a hotel for you for the night before the interview.'
                  : 'If you live far away, UDI can arrange a hotel for the night before the interview.'),
              'Make sure UDI has your current phone number and e-mail address.',
            ]),
      ],
    }),
    'interview-reminder': (m) => ({
      subject: 'Reminder: your asylum interview at UDI',
      lines: [
        `This is a reminder of your asylum interview${appointment(m)}. You are obliged to attend.`,
        m.via === 'reception-centre'
          ? `Contact the staff at ${m.centreName} if you need help with your travel.`
          : m.facts.interviewLocation !== 'online' &&
            'Keep your tickets and receipts: your travel expenses will be reimbursed.',
      ],
    }),
    'protection-granted': (m) => ({
      subject: 'You have been granted protection',
      lines: [
        m.facts.outcome === 'granted-refugee'
          ? 'Your application has been granted. You have been recognised as a refugee in Norway.'
          : 'Your application has been granted. You have been given a residence permit in Norway on protection grounds.',
      ],
    }),
    'application-rejected': (m) => ({
      subject: 'Your application for protection has been rejected',
      lines: [
        'UDI has rejected your application for protection.',
        reasons(m),
        'UDI will assign you a lawyer, who will explain the decision and help you appeal. You can also get free legal advice from organisations such as NOAS, SEIF, JURK and Jussbuss.',
        m.facts.appealDueAt && `You must appeal ${m.deadline(m.facts.appealDueAt)}.`,
        'If you appeal, your lawyer can ask for you to stay in Norway while the appeal is considered. You can normally stay.',
        m.facts.withDutyToLeave &&
          `If the decision becomes final, ${m.facts.departureDueAt ? `you must leave Norway ${m.deadline(m.facts.departureDueAt)}` : 'you must leave Norway within the deadline you are given'}.`,
      ],
    }),
    'appeal-reversed': () => ({
      subject: 'UDI has changed its decision',
      lines: ['UDI has considered your appeal and changed its decision in your favour.'],
    }),
    'appeal-sent-to-une': () => ({
      subject: 'Your appeal has been sent to UNE',
      lines: [
        'UDI has considered your appeal but has not changed its decision. Your case has been sent to the Immigration Appeals Board (UNE).',
        'UNE is now responsible for your case. Contact UNE directly if you have new documents or information.',
      ],
    }),
    'une-decided': (m) => ({
      subject: 'UNE has decided your appeal',
      lines: [
        m.facts.outcome === 'granted'
          ? 'The Immigration Appeals Board (UNE) has decided your appeal in your favour.'
          : 'The Immigration Appeals Board (UNE) has rejected your appeal.',
        "UNE's decision is final.",
        m.facts.outcome !== 'granted' && (m.facts.withDutyToLeave || !!m.facts.departureDueAt) && leaveBy(m),
      ],
    }),
    'withdrawal-confirmed': (m) => ({
      subject: 'Your application has been withdrawn',
      lines: [
        'We confirm that your application for protection has been withdrawn.',
        m.facts.withDutyToLeave === true && leaveBy(m),
        m.facts.withDutyToLeave === false &&
          'You do not have to leave Norway, because one of the exemptions applies to you.',
        'You can ask UDI to resume the application.',
      ],
    }),
    'case-dismissed': () => ({
      subject: 'Your application has been dismissed',
      lines: ['Your application for protection has been dismissed because you have left Norway.'],
    }),
    'work-permit-decided': (m) =>
      m.facts.outcome === 'granted'
        ? {
            subject: 'You have been granted a temporary work permit',
            lines: [
              'You have been granted a temporary work permit as an asylum seeker. It is valid for up to six months and can be renewed.',
              m.facts.mustHandInPassport &&
                'Bring your original passport to your appointment with the police.',
            ],
          }
        : {
            subject: 'Your application for a temporary work permit has been refused',
            lines: [
              'Your application for a temporary work permit as an asylum seeker has been refused.',
              reasons(m),
              'This decision cannot be appealed.',
            ],
          },
  },
};
