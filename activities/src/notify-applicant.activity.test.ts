import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { startHttpReceiver, type HttpReceiver } from './__fixtures__/http-receiver';
import { pdfLines } from '@saksflyt/audit/testing';
import { startSmtpReceiver, type SmtpReceiver } from './__fixtures__/smtp-receiver';
import { NotifyApplicantInputSchema, type NotifyApplicantInput } from './activity-input';
import { composeNotice, createActivities, type ActivityDependencies } from './index';
import { messageIdOf } from './smtp-mailer';

const FROM = '"UDI" <noreply@udi.example>';
const TOKEN = 'gateway-token';

let smtp: SmtpReceiver;
let gateway: HttpReceiver;
let dataDir: string;
let seq = 0;

beforeAll(async () => {
  [smtp, gateway] = await Promise.all([startSmtpReceiver(), startHttpReceiver()]);
});
afterAll(async () => {
  await Promise.all([smtp.close(), gateway.close()]);
});
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'saksflyt-activities-'));
  smtp.mails.length = 0;
  gateway.requests.length = 0;
  gateway.answer('/sms', 202);
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

function configured(overrides: Partial<ActivityDependencies> = {}) {
  return createActivities({
    dataDir,
    mail: { smtpUrl: smtp.url, from: FROM },
    sms: { gatewayUrl: `${gateway.url}/sms`, token: TOKEN },
    ...overrides,
  });
}

/** A fresh key per notice, as each event of a case has its own sequence number. */
function notice(overrides: Partial<NotifyApplicantInput> = {}): NotifyApplicantInput {
  seq += 1;
  return {
    key: `case-202412345678:${seq}`,
    dufNumber: '202412345678',
    template: 'interview-invitation',
    language: 'en',
    fullName: 'Olena Kovalenko',
    recipient: { channel: 'private', address: 'Storgata 1, 0155 Oslo', email: 'olena@example.org' },
    facts: { interviewAt: '2026-12-16T08:00:00Z', interviewLocation: 'oslo', interpreterLanguage: 'uk' },
    ...overrides,
  };
}

async function outboxFiles(port: string): Promise<string[]> {
  return readdir(path.join(dataDir, 'outbox', port)).catch(() => []);
}

async function outboxRecord(port: string, key: string) {
  const file = path.join(dataDir, 'outbox', port, `${key.replace(':', '~')}.json`);
  return JSON.parse(await readFile(file, 'utf8')) as { channel: string; message: Record<string, unknown> };
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected the activity to fail');
    },
    (error: Error) => error,
  );
}

const REIMBURSEMENT = {
  en: 'You are to make travel arrangements to UDI on your own, but you will be reimbursed for your expenses.',
  nb: 'Du må selv ordne reisen til UDI, men du får dekket utgiftene dine.',
  uk: 'Поїздку до UDI ви організовуєте самостійно, але ваші витрати буде відшкодовано.',
  ru: 'Поездку в UDI вы организуете самостоятельно, но ваши расходы будут возмещены.',
} as const;

const STAFF_HELP = {
  en: 'The staff at Råde mottak will help you arrange your travel to UDI. If you need to stay overnight, they will arrange your accommodation.',
  nb: 'De ansatte ved Råde mottak hjelper deg med å ordne reisen til UDI. Hvis du må overnatte, ordner de overnatting for deg.',
  uk: 'Працівники приймального центру «Råde mottak» допоможуть вам організувати поїздку до UDI. Якщо вам потрібно буде залишитися на ніч, вони організують для вас проживання.',
  ru: 'Сотрудники центра приёма «Råde mottak» помогут вам организовать поездку в UDI. Если вам нужно будет остаться на ночь, они организуют для вас проживание.',
} as const;

const LANGUAGES = ['uk', 'ru', 'en', 'nb'] as const;

describe('notifyApplicant', () => {
  it('e-mails an applicant at a private address over SMTP, in the applicant’s language', async () => {
    const input = notice({
      language: 'uk',
      template: 'application-rejected',
      facts: { appealDueAt: '2027-01-06' },
    });

    const receipt = await configured().notifyApplicant(input);

    expect(receipt).toEqual({
      key: input.key,
      channel: 'email',
      deliveredAt: expect.any(String),
      duplicate: false,
      messages: [
        expect.objectContaining({
          channel: 'email',
          to: 'olena@example.org',
          language: 'uk',
          subject: 'Вашу заяву про захист відхилено',
        }),
      ],
    });
    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail?.envelope).toEqual({ from: 'noreply@udi.example', to: ['olena@example.org'] });
    expect(mail?.headers['content-language']).toBe('uk');
    expect(mail?.headers['message-id']).toBe(messageIdOf(input.key, FROM));
    expect(mail?.headers['subject']).toBe('Вашу заяву про захист відхилено');
    expect(mail?.text).toContain('Доброго дня, Olena Kovalenko!');
    expect(mail?.text).toContain('Скаргу потрібно подати до кінця дня 6 січня 2027 р.');
  });

  it('texts an applicant with a phone number through the SMS gateway', async () => {
    const input = notice({
      language: 'ru',
      template: 'interview-reminder',
      recipient: { channel: 'private', address: 'Storgata 1, 0155 Oslo', phone: '+4791234567' },
    });

    const receipt = await configured().notifyApplicant(input);

    expect(receipt.channel).toBe('sms');
    const [request] = gateway.requestsTo('/sms');
    expect(gateway.requests).toHaveLength(1);
    expect(request?.method).toBe('POST');
    expect(request?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['idempotency-key']).toBe(input.key);
    const body = JSON.parse(request?.body ?? '{}') as { to: string; text: string };
    expect(body.to).toBe('+4791234567');
    expect(body.text).toContain(
      'Напоминаем о вашем собеседовании по делу об убежище 16 декабря 2026 г. в 09:00',
    );
    expect(smtp.mails).toHaveLength(0);
  });

  it('sends both an SMS and an e-mail when both are on file', async () => {
    const input = notice({
      recipient: {
        channel: 'private',
        address: 'Storgata 1',
        phone: '+4791234567',
        email: 'olena@example.org',
      },
    });

    const receipt = await configured().notifyApplicant(input);

    expect(receipt.channel).toBe('sms+email');
    expect(gateway.requests).toHaveLength(1);
    expect(smtp.mails).toHaveLength(1);
  });

  it.each(LANGUAGES)(
    'invites an applicant at a private address with the travel reimbursement note, in %s',
    async (language) => {
      await configured().notifyApplicant(notice({ language }));

      expect(smtp.mails[0]?.text).toContain(REIMBURSEMENT[language]);
      expect(smtp.mails[0]?.text).not.toContain(STAFF_HELP[language]);
    },
  );

  it.each(LANGUAGES)(
    'invites a reception-centre resident through the centre’s staff, who help with travel and a night’s stay, in %s',
    async (language) => {
      const input = notice({
        language,
        recipient: { channel: 'reception-centre', centreName: 'Råde mottak' },
      });

      const receipt = await configured().notifyApplicant(input);

      expect(receipt.channel).toBe('outbox:reception-centre');
      expect(smtp.mails).toHaveLength(0);
      expect(gateway.requests).toHaveLength(0);
      const { message } = await outboxRecord('reception-centre', input.key);
      expect(message['centreName']).toBe('Råde mottak');
      const text = String(message['text']);
      expect(text.startsWith('Til de ansatte ved Råde mottak')).toBe(true);
      expect(text).toContain(
        'Vi ber dere gi beskjeden nedenfor til Olena Kovalenko (DUF-nummer 202412345678)',
      );
      expect(text).toContain(
        'Hjelp søkeren med å ordne reisen, og ordne overnatting hvis søkeren må overnatte.',
      );
      expect(text).toContain(STAFF_HELP[language]);
      expect(text).not.toContain(REIMBURSEMENT[language]);
    },
  );

  it('delivers a key once: the second call sends nothing and says duplicate', async () => {
    const activities = configured();
    const input = notice({
      recipient: {
        channel: 'private',
        address: 'Storgata 1',
        phone: '+4791234567',
        email: 'olena@example.org',
      },
    });

    const first = await activities.notifyApplicant(input);
    // A new activities object, as after a worker restart: the ledger is on disk, not in memory.
    const second = await configured().notifyApplicant(input);

    expect(first.duplicate).toBe(false);
    expect(second).toEqual({ ...first, duplicate: true });
    expect(smtp.mails).toHaveLength(1);
    expect(gateway.requests).toHaveLength(1);
  });

  it('retries only the channel that failed', async () => {
    const input = notice({
      recipient: {
        channel: 'private',
        address: 'Storgata 1',
        phone: '+4791234567',
        email: 'olena@example.org',
      },
    });
    gateway.answer('/sms', 503, 202);

    const failure = await failureOf(configured().notifyApplicant(input));
    expect(failure instanceof ApplicationFailure && failure.nonRetryable).toBe(false);
    expect(smtp.mails).toHaveLength(1);

    const receipt = await configured().notifyApplicant(input);
    expect(receipt.duplicate).toBe(false);
    expect(smtp.mails).toHaveLength(1);
    expect(gateway.requests).toHaveLength(2);
  });

  it('writes SMS and e-mail to the file outbox when neither is configured', async () => {
    const input = notice({
      language: 'nb',
      recipient: {
        channel: 'private',
        address: 'Storgata 1',
        phone: '+4791234567',
        email: 'olena@example.org',
      },
    });

    const receipt = await createActivities({ dataDir }).notifyApplicant(input);

    expect(receipt.channel).toBe('outbox:sms+outbox:email');
    expect(await outboxFiles('sms')).toEqual(['case-202412345678~' + input.key.split(':')[1] + '.json']);
    expect(await outboxFiles('email')).toHaveLength(1);
    const email = await outboxRecord('email', input.key);
    expect(email.message).toMatchObject({
      to: { name: 'Olena Kovalenko', address: 'olena@example.org' },
      subject: 'Innkalling til asylintervju hos UDI',
      language: 'nb-NO',
    });
    expect((await outboxRecord('sms', input.key)).message).toMatchObject({ to: '+4791234567' });
    expect(smtp.mails).toHaveLength(0);
  });

  it('writes a letter to the outbox for an applicant with neither phone nor e-mail', async () => {
    const input = notice({ recipient: { channel: 'private', address: 'Storgata 1, 0155 Oslo' } });

    const receipt = await configured().notifyApplicant(input);

    expect(receipt.channel).toBe('outbox:letter');
    expect((await outboxRecord('letter', input.key)).message).toMatchObject({
      address: 'Storgata 1, 0155 Oslo',
    });
  });

  it('leaves out a fact the domain sent as an empty string instead of failing the notice', async () => {
    const input = notice({
      template: 'dublin-transfer-decided',
      facts: { responsibleState: '', appealDueAt: '' },
    });

    await configured().notifyApplicant(input);

    expect(smtp.mails[0]?.headers['subject']).toBe('Your application will be processed in another country');
  });

  it.each([
    ['a language the templates do not have', { language: 'de' }],
    ['a DUF number of the wrong length', { dufNumber: '2024' }],
    ['an unknown template', { template: 'welcome' }],
    [
      'a malformed e-mail address',
      { recipient: { channel: 'private', address: 'x', email: 'not-an-address' } },
    ],
    ['a date that is not ISO', { facts: { interviewAt: 'next Tuesday' } }],
    ['a key that cannot be a file name', { key: '../../etc/passwd' }],
  ])('refuses %s as a non-retryable ValidationError', async (_what, overrides) => {
    const input = { ...notice(), ...overrides } as NotifyApplicantInput;

    const failure = await failureOf(configured().notifyApplicant(input));

    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'ValidationError', nonRetryable: true });
    expect(smtp.mails).toHaveLength(0);
  });

  it('reports a malformed SMTP URL as a non-retryable ConfigurationError', async () => {
    const activities = configured({ mail: { smtpUrl: 'not a url', from: FROM } });

    const failure = await failureOf(activities.notifyApplicant(notice()));

    expect(failure).toMatchObject({ type: 'ConfigurationError', nonRetryable: true });
  });

  it('treats an unreachable SMTP server as transient, to be retried', async () => {
    const activities = configured({ mail: { smtpUrl: 'smtp://127.0.0.1:1/?ignoreTLS=true', from: FROM } });

    const failure = await failureOf(activities.notifyApplicant(notice()));

    expect(failure instanceof ApplicationFailure && failure.nonRetryable).toBe(false);
    expect(await outboxFiles('email')).toEqual([]);
  });
});

describe('the travel-reimbursement form with an invitation to a private address', () => {
  const withForm = { ...notice().facts, attachTravelReimbursementForm: true };
  const FILENAME = 'reiseutgifter-travel-expenses-202412345678.pdf';
  const outboxAttachments = async (port: string, key: string) =>
    ((await outboxRecord(port, key)).message['attachments'] ?? []) as {
      filename: string;
      contentType: string;
      contentBase64: string;
    }[];

  it('attaches the form to the invitation e-mail over SMTP as an application/pdf', async () => {
    const input = notice({ facts: withForm });

    const receipt = await configured().notifyApplicant(input);

    expect(receipt).toMatchObject({ channel: 'email', duplicate: false });
    const [mail] = smtp.mails;
    expect(mail?.headers['content-type']).toMatch(/^multipart\/mixed/);
    expect(mail?.text).toContain('The reimbursement form is attached to this e-mail');
    expect(mail?.attachments).toHaveLength(1);
    const [form] = mail?.attachments ?? [];
    expect(form?.contentType).toBe('application/pdf');
    expect(form?.filename).toBe(FILENAME);
    expect(form?.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfLines(form?.content ?? Buffer.alloc(0))).toEqual(
      expect.arrayContaining(['Olena Kovalenko', '202412345678']),
    );
  });

  it('sends the e-mail with its form once per key: a retry sends nothing and says duplicate', async () => {
    const input = notice({ facts: withForm });

    const first = await configured().notifyApplicant(input);
    const second = await configured().notifyApplicant(input);

    expect(second).toEqual({ ...first, duplicate: true });
    expect(smtp.mails).toHaveLength(1);
  });

  it('keeps the form in the file outbox’s e-mail record: its name, type and content in base64', async () => {
    const input = notice({ facts: withForm });

    await createActivities({ dataDir }).notifyApplicant(input);

    const [form, ...more] = await outboxAttachments('email', input.key);
    expect(more).toEqual([]);
    expect(form).toMatchObject({ filename: FILENAME, contentType: 'application/pdf' });
    const pdf = Buffer.from(form?.contentBase64 ?? '', 'base64');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfLines(pdf)).toContain('202412345678');
  });

  it('attaches nothing when the fact is absent', async () => {
    await configured().notifyApplicant(notice());

    expect(smtp.mails[0]?.attachments).toEqual([]);
    expect(smtp.mails[0]?.text).not.toContain('attached to this e-mail');
  });

  it('attaches nothing for a reception-centre resident, whose journey the staff arrange', async () => {
    const input = notice({
      facts: withForm,
      recipient: { channel: 'reception-centre', centreName: 'Råde mottak' },
    });

    await configured().notifyApplicant(input);

    expect(smtp.mails).toHaveLength(0);
    expect(await outboxAttachments('reception-centre', input.key)).toEqual([]);
  });

  it('attaches nothing to an invitation to an online interview, which needs no journey', async () => {
    await configured().notifyApplicant(notice({ facts: { ...withForm, interviewLocation: 'online' } }));

    expect(smtp.mails[0]?.attachments).toEqual([]);
  });

  it.each([
    ['en', 'UDI is sending you the reimbursement form by e-mail'],
    ['nb', 'UDI sender deg skjemaet for refusjon av reiseutgifter på e-post'],
  ] as const)('says in the SMS that the form comes by e-mail (%s)', async (language, line) => {
    const input = notice({
      language,
      facts: withForm,
      recipient: {
        channel: 'private',
        address: 'Storgata 1',
        phone: '+4791234567',
        email: 'olena@example.org',
      },
    });

    const receipt = await configured().notifyApplicant(input);

    expect(receipt.channel).toBe('sms+email');
    const sms = JSON.parse(gateway.requestsTo('/sms')[0]?.body ?? '{}') as { text: string };
    expect(sms.text).toContain(line);
    expect(smtp.mails[0]?.attachments).toHaveLength(1);
  });

  it('encloses the form in the letter to an applicant with neither phone nor e-mail', async () => {
    const input = notice({
      facts: withForm,
      recipient: { channel: 'private', address: 'Storgata 1, 0155 Oslo' },
    });

    const receipt = await configured().notifyApplicant(input);

    expect(receipt.channel).toBe('outbox:letter');
    expect((await outboxRecord('letter', input.key)).message['text']).toContain(
      'The reimbursement form is enclosed with this letter',
    );
    const [form] = await outboxAttachments('letter', input.key);
    expect(form).toMatchObject({ filename: FILENAME, contentType: 'application/pdf' });
  });

  it('posts the form to an applicant with a phone but no e-mail, and the SMS says it comes by post', async () => {
    const input = notice({
      facts: withForm,
      recipient: { channel: 'private', address: 'Storgata 1, 0155 Oslo', phone: '+4791234567' },
    });

    const receipt = await configured().notifyApplicant(input);

    expect(receipt.channel).toBe('sms+outbox:letter');
    const sms = JSON.parse(gateway.requestsTo('/sms')[0]?.body ?? '{}') as { text: string };
    expect(sms.text).toContain('UDI is sending you the reimbursement form by post');
    expect(await outboxAttachments('letter', input.key)).toHaveLength(1);
    expect(smtp.mails).toHaveLength(0);
  });

  it('writes no letter to an applicant with a phone but no e-mail when no form goes with the message', async () => {
    const input = notice({ recipient: { channel: 'private', address: 'Storgata 1', phone: '+4791234567' } });

    expect((await configured().notifyApplicant(input)).channel).toBe('sms');
    expect(await outboxFiles('letter')).toEqual([]);
  });
});

describe('the messages a notice reports for the case’s record', () => {
  it('reports each message as it went out: channel, recipient, language, subject, text and time, word for word as sent', async () => {
    const input = notice({
      language: 'nb',
      recipient: {
        channel: 'private',
        address: 'Storgata 1',
        phone: '+4791234567',
        email: 'olena@example.org',
      },
    });

    const receipt = await createActivities({ dataDir }).notifyApplicant(input);

    const sms = await outboxRecord('sms', input.key);
    const email = await outboxRecord('email', input.key);
    expect(receipt.messages).toEqual([
      {
        channel: 'sms',
        to: '+4791234567',
        language: 'nb',
        text: sms.message['text'],
        sentAt: expect.any(String),
      },
      {
        channel: 'email',
        to: 'olena@example.org',
        language: 'nb',
        subject: 'Innkalling til asylintervju hos UDI',
        text: email.message['text'],
        sentAt: expect.any(String),
      },
    ]);
    expect(receipt.messages?.map((message) => message.sentAt)).toEqual(
      [sms, email].map((record) => (record as unknown as { deliveredAt: string }).deliveredAt),
    );
  });

  it('reports the reception centre’s message in the applicant’s language, addressed to the centre', async () => {
    const input = notice({
      language: 'uk',
      recipient: { channel: 'reception-centre', centreName: 'Råde mottak' },
    });

    const receipt = await createActivities({ dataDir }).notifyApplicant(input);

    const record = await outboxRecord('reception-centre', input.key);
    expect(receipt.messages).toEqual([
      {
        channel: 'reception-centre',
        to: 'Råde mottak',
        language: 'uk',
        subject: record.message['subject'],
        text: record.message['text'],
        sentAt: expect.any(String),
      },
    ]);
  });

  it('names the form that went with a letter, without keeping the file', async () => {
    const input = notice({
      facts: { ...notice().facts, attachTravelReimbursementForm: true },
      recipient: { channel: 'private', address: 'Storgata 1, 0155 Oslo' },
    });

    const receipt = await createActivities({ dataDir }).notifyApplicant(input);

    expect(receipt.messages).toMatchObject([
      { channel: 'letter', attachments: ['reiseutgifter-travel-expenses-202412345678.pdf'] },
    ]);
    expect(JSON.stringify(receipt)).not.toContain('base64');
  });

  it('reports the first delivery’s messages again when a retry finds the key already delivered', async () => {
    const input = notice({ recipient: { channel: 'private', address: 'Storgata 1', phone: '+4791234567' } });
    const activities = createActivities({ dataDir });
    const first = await activities.notifyApplicant(input);
    const again = await activities.notifyApplicant(input);
    expect(again.duplicate).toBe(true);
    expect(again.messages).toEqual(first.messages);
  });

  it('composes from the record the very messages the activity sends', async () => {
    const input = notice({ recipient: { channel: 'private', address: 'Storgata 1', phone: '+4791234567' } });
    const receipt = await createActivities({ dataDir }).notifyApplicant(input);
    expect(
      composeNotice(NotifyApplicantInputSchema.parse(input)).map((message) => ({
        ...message,
        sentAt: receipt.deliveredAt,
      })),
    ).toEqual(receipt.messages);
  });
});
