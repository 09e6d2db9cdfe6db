import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CaseEvent, CaseNotices } from '@saksflyt/domain';
import { aPoliceRegistration, anApplication } from '@saksflyt/domain/testing';
import { caseWorkflowId } from '@saksflyt/workflows';
import { startTestSystem, type TestSystem } from '../__fixtures__/test-system';

// Issue 15, point 6: what was sent to the applicant, from the case's record, through the HTTP API on a real dev
// server and worker (file outbox): each message word for word as it went out.

const DUF = '202461000001';

describe('the messages of a case through the HTTP API', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem();
  }, 120_000);
  afterAll(() => system?.stop());

  const messages = async (user: 'caseworker' | 'auditor', duf = DUF) =>
    system.request(user, 'GET', `/api/cases/${duf}/messages`);

  /** The notices once the worker has settled every one of them. */
  async function settledNotices(): Promise<CaseNotices> {
    for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
      const body = (await (await messages('caseworker')).json()) as CaseNotices;
      if (body.items.length > 0 && body.items.every((notice) => notice.delivery !== 'pending')) return body;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('the notices were not delivered in time');
  }

  /** What the file outbox holds for a delivery key: exactly what was sent. */
  async function outboxMessage(port: string, key: string): Promise<{ subject?: string; text: string }> {
    const file = path.join(system.settings.dataDir, 'outbox', port, `${key.replaceAll(':', '~')}.json`);
    return (JSON.parse(await readFile(file, 'utf8')) as { message: { subject?: string; text: string } })
      .message;
  }

  it('returns each notice delivered by SMS and e-mail with its text as sent, recorded on the case', async () => {
    const application = anApplication({ dufNumber: DUF, lodgedAt: new Date().toISOString() });
    application.applicant.residence = { kind: 'private', address: 'Storgata 1, 0155 Oslo' };
    application.applicant.contact = { phone: '+4791234567', email: 'olena@example.org' };
    expect((await system.request('caseworker', 'POST', '/api/cases', application)).status).toBe(201);
    const command = (name: string, payload: unknown) =>
      system.request('caseworker', 'POST', `/api/cases/${DUF}/commands/${name}`, payload);
    expect((await command('registerWithPolice', aPoliceRegistration())).status).toBe(200);
    expect(
      (await command('assessCollectiveProtection', { eligible: false, reason: 'stayed in Poland' })).status,
    ).toBe(200);

    const { items } = await settledNotices();
    const notice = items.at(-1);
    expect(notice).toMatchObject({
      template: 'assessed-individually',
      language: 'uk',
      delivery: 'delivered',
      textSource: 'recorded',
    });
    expect(notice?.messages.map((message) => [message.channel, message.to, message.language])).toEqual([
      ['sms', '+4791234567', 'uk'],
      ['email', 'olena@example.org', 'uk'],
    ]);
    // The text on the record is the text that went out.
    const key = `${caseWorkflowId(DUF)}:${notice?.causedBySeq}:0`;
    const [sms, email] = notice?.messages ?? [];
    expect(sms?.text).toBe((await outboxMessage('sms', key)).text);
    expect(email?.text).toBe((await outboxMessage('email', key)).text);
    expect(email?.subject).toBe((await outboxMessage('email', key)).subject);
    expect(email?.sentAt).toBe(notice?.settledAt);

    // It is the case's own record: the event log holds the same messages.
    const log = (await (
      await system.request('auditor', 'GET', `/api/cases/${DUF}/events`)
    ).json()) as CaseEvent[];
    const delivered = log.find(
      (event) => event.type === 'NoticeDelivered' && event.data.causedBySeq === notice?.causedBySeq,
    );
    expect(delivered?.type === 'NoticeDelivered' && delivered.data.messages).toEqual(notice?.messages);
  }, 90_000);

  it('lets every role read what was sent', async () => {
    const response = await messages('auditor');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-saksflyt-source')).toBe('projection');
  });

  it('answers a case that does not exist with 404 and a malformed DUF number with 400', async () => {
    expect((await messages('caseworker', '202461999999')).status).toBe(404);
    const malformed = await messages('caseworker', 'not-a-duf');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: 'ValidationError' });
  });
});
