import { Writable } from 'node:stream';
import { anApplication } from '@saksflyt/domain/testing';
import { createLogger } from '@saksflyt/temporal';
import { startTestSystem, type TestSystem } from '../__fixtures__/test-system';

describe('the request log: JSON lines with case, command and actor, never what the case holds', () => {
  let system: TestSystem;
  const lines: Record<string, unknown>[] = [];
  const duf = '202460000001';
  const applicant = {
    ...anApplication().applicant,
    fullName: 'Mykola Logtest',
    contact: { phone: '+4791234599', email: 'mykola.logtest@example.org' },
  };

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    system = await startTestSystem({}, { logger: createLogger('api', 'info', sink) });
  }, 120_000);
  afterAll(() => system?.stop());

  it('logs each request once answered, naming the case, the command and the actor', async () => {
    const post = (route: string, body: unknown) => system.request('caseworker', 'POST', route, body);
    expect((await post('/api/cases', anApplication({ dufNumber: duf, applicant }))).status).toBe(201);
    const command = await post(`/api/cases/${duf}/commands/updateContactInfo`, {
      contact: { email: 'mykola.new@example.org' },
    });
    expect(command.status).toBe(200);

    const commandLine = lines.find((line) => line.command === 'updateContactInfo');
    expect(commandLine).toMatchObject({
      level: 30,
      component: 'api',
      msg: 'request',
      method: 'POST',
      route: '/api/cases/:dufNumber/commands/:command',
      status: 200,
      caseId: `case-${duf}`,
      actor: 'kari',
      role: 'caseworker',
      durationMs: expect.any(Number),
    });
    expect(lines.find((line) => line.route === '/api/cases' && line.method === 'POST')).toMatchObject({
      status: 201,
      actor: 'kari',
    });
    const everything = JSON.stringify(lines);
    for (const personal of [
      'Mykola',
      '+4791234599',
      'mykola.logtest@example.org',
      'mykola.new@example.org',
    ]) {
      expect(everything).not.toContain(personal);
    }
  });

  it('redacts personal fields should a library put them in a log object', () => {
    const caught: string[] = [];
    const logger = createLogger(
      'test',
      'info',
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          caught.push(chunk.toString('utf8'));
          done();
        },
      }),
    );
    logger.info({ input: { applicant, dufNumber: duf }, email: 'x@example.org' }, 'activity input');
    expect(caught.join('')).not.toMatch(/Mykola|x@example\.org|\+4791234599/);
    expect(caught.join('')).toContain(duf);
  });
});
