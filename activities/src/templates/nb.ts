import type { NotificationTemplate } from '@saksflyt/domain';
import {
  worded,
  type LanguagePack,
  type ReasonWording,
  type Line,
  type MessageContext,
  UDI_POSTAL_ADDRESS_LINE,
} from './language-pack';

const place = (m: MessageContext): string =>
  ({
    oslo: ' på UDIs kontor i Oslo',
    trondheim: ' på UDIs kontor i Trondheim',
    online: ' digitalt (på video)',
    none: '',
  })[m.facts.interviewLocation ?? 'none'];

const appointment = (m: MessageContext): string =>
  `${m.facts.interviewAt ? ` ${m.dateTime(m.facts.interviewAt)}` : ''}${place(m)}`;

/** Reisen til intervjuet fra privat adresse, og hvordan denne meldingen viser til refusjonsskjemaet. */
const travel = (m: MessageContext): string => {
  const sendBack = 'fyll det ut og send det tilbake til UDI på e-post eller i posten';
  const form = {
    attached: `Skjemaet for refusjon av reiseutgifter ligger vedlagt denne e-posten: fyll det ut og send det tilbake til UDI på e-post, eller i posten til ${UDI_POSTAL_ADDRESS_LINE}.`,
    enclosed: `Skjemaet for refusjon av reiseutgifter ligger vedlagt dette brevet: fyll det ut og send det tilbake til UDI på e-post, eller i posten til ${UDI_POSTAL_ADDRESS_LINE}.`,
    'by-email': `UDI sender deg skjemaet for refusjon av reiseutgifter på e-post: ${sendBack}.`,
    'by-post': `UDI sender deg skjemaet for refusjon av reiseutgifter i posten: ${sendBack}.`,
    none: `UDI sender deg et skjema for refusjon av reiseutgifter på e-post: ${sendBack}.`,
  }[m.reimbursementForm ?? 'none'];
  return `Du må selv ordne reisen til UDI, men du får dekket utgiftene dine. ${form}`;
};

const REASONS: ReasonWording = {
  'interview-not-held': 'du har ikke hatt asylintervju',
  'no-valid-passport': 'du har ikke gyldig pass',
  'internal-passport-only': 'et internpass (passkort) er ikke nok, du må ha gyldig pass',
  'decision-made': 'du har allerede fått svar på søknaden din',
  'dublin-case': 'søknaden din behandles som en Dublin-sak',
  rejected: 'søknaden din om beskyttelse er avslått',
};

const reasons = (m: MessageContext): string | false =>
  !!m.facts.reasons?.length && `Begrunnelse: ${worded(m.facts.reasons, REASONS)}.`;

const leaveBy = (m: MessageContext): string =>
  m.facts.departureDueAt
    ? `Du må forlate Norge ${m.deadline(m.facts.departureDueAt)}.`
    : 'Du må forlate Norge innen fristen du får.';

export const nb: LanguagePack = {
  locale: 'nb-NO',
  greeting: (fullName) => `Hei ${fullName},`,
  dufNumberLine: (dufNumber) => `DUF-nummeret ditt: ${dufNumber}`,
  closing: 'Med vennlig hilsen\nUtlendingsdirektoratet (UDI)',
  templates: {
    'decision-served': (m) => ({
      subject: 'Fristen for å klage',
      lines: [
        'Vedtaket i saken din er forkynt for deg. Du kan klage innen tre uker.',
        m.facts.appealDueAt && `Klagen må være postlagt eller levert ${m.deadline(m.facts.appealDueAt)}.`,
        'Advokaten din kan hjelpe deg med klagen og be om at du får bli i Norge mens den behandles.',
      ],
    }),
    'application-not-examined': (m) => ({
      subject: 'Søknaden din blir ikke realitetsbehandlet i Norge',
      lines: [
        'UDI vil ikke realitetsbehandle søknaden din om beskyttelse i Norge, fordi du reiste til Norge fra et trygt land der du kan få beskyttelse.',
        m.facts.returnCountry && `Du skal reise tilbake til ${m.country(m.facts.returnCountry)}.`,
        'Du kan klage på vedtaket. Fristen regnes fra vedtaket er forkynt for deg.',
      ],
    }),
    'suspensive-effect-decided': (m) => ({
      subject: 'Om du kan bli i Norge mens klagen behandles',
      lines: [
        m.facts.mayStayDuringAppeal
          ? 'Du kan bli i Norge mens klagen din behandles.'
          : 'Du kan ikke bli i Norge mens klagen din behandles.',
        !m.facts.mayStayDuringAppeal && leaveBy(m),
      ],
    }),
    'collective-protection-granted': () => ({
      subject: 'Du har fått midlertidig kollektiv beskyttelse',
      lines: [
        'Du har fått midlertidig kollektiv beskyttelse i Norge.',
        'Tillatelsen gis for ett år av gangen og gir deg ikke status som flyktning.',
      ],
    }),
    'assessed-individually': (m) => ({
      subject: 'Søknaden din blir behandlet individuelt',
      lines: [
        'Du fyller ikke vilkårene for kollektiv beskyttelse. UDI vil derfor behandle søknaden din om beskyttelse (asyl) individuelt, etter de vanlige vilkårene som gjelder for alle nasjonaliteter.',
        'Hvis du har reist til Norge gjennom et trygt land, kan saken din bli sendt til et annet land etter Dublin-regelverket.',
        m.facts.mustHandInPassport &&
          'Du må levere passet ditt på din lokale politistasjon mens søknaden blir behandlet.',
      ],
    }),
    'dublin-case-registered': (m) => ({
      subject: 'Saken din er en Dublin-sak',
      lines: [
        'Saken din er registrert som en Dublin-sak. UDI vil avgjøre om Norge eller et annet Dublin-land har ansvaret for søknaden din. Vi vurderer ikke behovet ditt for beskyttelse nå.',
        m.facts.responsibleState &&
          `UDI vil be ${m.country(m.facts.responsibleState)} om å ta ansvaret for søknaden din.`,
      ],
    }),
    'dublin-transfer-decided': (m) => {
      const state = m.facts.responsibleState ? m.country(m.facts.responsibleState) : 'et annet land';
      return {
        subject: `Søknaden din skal behandles i ${state}`,
        lines: [
          `UDI har bestemt at ${state} har ansvaret for søknaden din. Du må reise dit, og søknaden din blir behandlet der.`,
          m.facts.departureDueAt && `Du må forlate Norge ${m.deadline(m.facts.departureDueAt)}.`,
          m.facts.transferDueAt && `Overføringen må skje ${m.deadline(m.facts.transferDueAt)}.`,
          'Du kan klage på vedtaket. UDI vil oppnevne en advokat som forklarer vedtaket og hjelper deg med klagen.',
          m.facts.appealDueAt && `Du må klage ${m.deadline(m.facts.appealDueAt)}.`,
          'Du får vanligvis ikke bli i Norge mens klagen blir behandlet.',
        ],
      };
    },
    'interview-invitation': (m) => ({
      subject: 'Innkalling til asylintervju hos UDI',
      lines: [
        `Du er innkalt til asylintervju${appointment(m)}.`,
        m.facts.interpreterLanguage &&
          `Det vil være en tolk på ${m.languageName(m.facts.interpreterLanguage)} til stede.`,
        'Du har plikt til å møte. Intervjuet er grundig og tar ofte en hel dag.',
        ...(m.via === 'reception-centre'
          ? m.facts.interviewLocation === 'online'
            ? [`De ansatte ved ${m.centreName} setter opp det digitale intervjuet for deg.`]
            : [
                `De ansatte ved ${m.centreName} hjelper deg med å ordne reisen til UDI. Hvis du må overnatte, ordner de overnatting for deg.`,
              ]
          : [
              m.facts.interviewLocation === 'online'
                ? 'Intervjuet er digitalt, så du trenger ikke å reise.'
                : travel(m),
              m.facts.interviewLocation !== 'online' &&
                (m.facts.hotelNight
                  ? 'Som avtalt på telefon har UDI bestilt hotell til deg natten før intervjuet.'
                  : 'Bor du langt unna, kan UDI ordne hotell natten før intervjuet.'),
              'Sørg for at UDI har riktig telefonnummer og e-postadresse til deg.',
            ]),
      ],
    }),
    'interview-reminder': (m) => ({
      subject: 'Påminnelse: asylintervju hos UDI',
      lines: [
        `Vi minner om asylintervjuet ditt${appointment(m)}. Du har plikt til å møte.`,
        m.via === 'reception-centre'
          ? `Ta kontakt med de ansatte ved ${m.centreName} hvis du trenger hjelp med reisen.`
          : m.facts.interviewLocation !== 'online' &&
            'Ta vare på billetter og kvitteringer: du får dekket reiseutgiftene dine.',
      ],
    }),
    'protection-granted': (m) => ({
      subject: 'Du har fått beskyttelse',
      lines: [
        m.facts.outcome === 'granted-refugee'
          ? 'Søknaden din er innvilget. Du er anerkjent som flyktning i Norge.'
          : 'Søknaden din er innvilget. Du har fått oppholdstillatelse i Norge på grunnlag av behov for beskyttelse.',
      ],
    }),
    'application-rejected': (m) => ({
      subject: 'Søknaden din om beskyttelse er avslått',
      lines: [
        'UDI har avslått søknaden din om beskyttelse.',
        reasons(m),
        'UDI vil oppnevne en advokat som forklarer vedtaket og hjelper deg med å klage. Du kan også få gratis juridisk rådgivning hos organisasjoner som NOAS, SEIF, JURK og Jussbuss.',
        m.facts.appealDueAt && `Du må klage ${m.deadline(m.facts.appealDueAt)}.`,
        'Hvis du klager, kan advokaten be om at du får bli i Norge mens klagen blir behandlet. Vanligvis kan du bli.',
        m.facts.withDutyToLeave &&
          `Hvis vedtaket blir endelig, må du forlate Norge ${m.facts.departureDueAt ? m.deadline(m.facts.departureDueAt) : 'innen fristen du får'}.`,
      ],
    }),
    'appeal-reversed': () => ({
      subject: 'UDI har endret vedtaket',
      lines: ['UDI har behandlet klagen din og endret vedtaket til din fordel.'],
    }),
    'appeal-sent-to-une': () => ({
      subject: 'Klagen din er sendt til UNE',
      lines: [
        'UDI har behandlet klagen din, men har ikke endret vedtaket. Saken din er sendt til Utlendingsnemnda (UNE).',
        'UNE har nå ansvaret for saken din. Ta kontakt med UNE direkte hvis du har nye dokumenter eller opplysninger.',
      ],
    }),
    'une-decided': (m) => ({
      subject: 'UNE har avgjort klagen din',
      lines: [
        m.facts.outcome === 'granted'
          ? 'Utlendingsnemnda (UNE) har gitt deg medhold i klagen.'
          : 'Utlendingsnemnda (UNE) har avslått klagen din.',
        'Vedtaket til UNE er endelig.',
        m.facts.outcome !== 'granted' && (m.facts.withDutyToLeave || !!m.facts.departureDueAt) && leaveBy(m),
      ],
    }),
    'withdrawal-confirmed': (m) => ({
      subject: 'Søknaden din er trukket tilbake',
      lines: [
        'Vi bekrefter at søknaden din om beskyttelse er trukket tilbake.',
        m.facts.withDutyToLeave === true && leaveBy(m),
        m.facts.withDutyToLeave === false &&
          'Du har ikke plikt til å forlate Norge, fordi et av unntakene gjelder for deg.',
        'Du kan be UDI om å ta opp igjen søknaden.',
      ],
    }),
    'case-dismissed': () => ({
      subject: 'Søknaden din er henlagt',
      lines: ['Søknaden din om beskyttelse er henlagt fordi du har forlatt Norge.'],
    }),
    'work-permit-decided': (m) =>
      m.facts.outcome === 'granted'
        ? {
            subject: 'Du har fått midlertidig arbeidstillatelse',
            lines: [
              'Du har fått midlertidig arbeidstillatelse som asylsøker. Den gjelder i inntil seks måneder og kan fornyes.',
              m.facts.mustHandInPassport && 'Ta med originalpasset ditt til avtalen med politiet.',
            ],
          }
        : {
            subject: 'Søknaden din om midlertidig arbeidstillatelse er avslått',
            lines: [
              'Søknaden din om midlertidig arbeidstillatelse som asylsøker er avslått.',
              reasons(m),
              'Du kan ikke klage på dette vedtaket.',
            ],
          },
  },
};

/**
 * The cover note to the staff of a reception centre, who pass a message on to a resident. It is in Norwegian,
 * the staff's working language, whatever language the resident reads; the seed gives the staff the practical
 * part of an interview (travel, an overnight stay, or setting up an online interview).
 */
export function staffCover(
  m: MessageContext,
  template: NotificationTemplate,
  applicantLanguage: string | undefined,
): Line[] {
  const interview = template === 'interview-invitation' || template === 'interview-reminder';
  return [
    `Til de ansatte ved ${m.centreName}`,
    `Vi ber dere gi beskjeden nedenfor til ${m.fullName} (DUF-nummer ${m.dufNumber}) så snart som mulig.` +
      (applicantLanguage ? ` Beskjeden er på ${applicantLanguage}, språket søkeren har valgt.` : ''),
    interview &&
      (m.facts.interviewLocation === 'online'
        ? `Søkeren skal ha asylintervju${appointment(m)}. Sørg for rom og utstyr til intervjuet på mottaket.`
        : `Søkeren skal til asylintervju hos UDI${appointment(m)}. Hjelp søkeren med å ordne reisen, og ordne overnatting hvis søkeren må overnatte.`),
  ];
}
