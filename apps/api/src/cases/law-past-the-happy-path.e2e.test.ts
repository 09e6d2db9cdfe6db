import type { CaseState } from '@saksflyt/domain';
import { aPoliceRegistration, anApplication } from '@saksflyt/domain/testing';
import { startTestSystem, type TestSystem } from '../__fixtures__/test-system';

// Rules 1–3 of the second release through the HTTP API, on a real dev server and worker. The `accelerated` policy
// profile makes a day last a second, so three weeks to appeal pass in 21 seconds of real time.
describe('service, posting in time and suspensive effect through the HTTP API', () => {
  let system: TestSystem;
  let nextDuf = 0;
  const SECOND = 1000;

  beforeAll(async () => {
    system = await startTestSystem({ SAKSFLYT_POLICY_PROFILE: 'accelerated' });
  }, 120_000);
  afterAll(() => system?.stop());

  async function command(duf: string, name: string, payload: object) {
    const response = await system.request(
      'caseworker',
      'POST',
      `/api/cases/${duf}/commands/${name}`,
      payload,
    );
    return { status: response.status, body: (await response.json()) as CaseState & Record<string, unknown> };
  }
  async function state(duf: string): Promise<CaseState> {
    return (await (await system.request('auditor', 'GET', `/api/cases/${duf}`)).json()) as CaseState;
  }
  async function until(duf: string, done: (state: CaseState) => boolean, seconds = 60): Promise<CaseState> {
    const deadline = Date.now() + seconds * SECOND;
    for (;;) {
      const current = await state(duf);
      if (done(current)) return current;
      if (Date.now() > deadline) throw new Error(`case ${duf} stayed ${current.status}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  const accepted = async (duf: string, name: string, payload: object) => {
    const result = await command(duf, name, payload);
    if (result.status !== 200) throw new Error(`${name}: ${result.status} ${JSON.stringify(result.body)}`);
    return result.body;
  };

  /** A case rejected after its interview, the decision not yet served. */
  async function rejectedCase(): Promise<string> {
    const duf = `2026777${String(++nextDuf).padStart(5, '0')}`;
    const created = await system.request(
      'caseworker',
      'POST',
      '/api/cases',
      anApplication({ dufNumber: duf, lodgedAt: new Date().toISOString() }),
    );
    expect(created.status).toBe(201);
    await accepted(duf, 'registerWithPolice', aPoliceRegistration());
    await accepted(duf, 'assessCollectiveProtection', { eligible: false, reason: 'home oblast excluded' });
    const scheduledAt = new Date(Date.now() + 2 * SECOND).toISOString();
    await accepted(duf, 'inviteToInterview', { scheduledAt, location: 'oslo', interpreterLanguage: 'uk' });
    await accepted(duf, 'recordInterview', { outcome: 'held', heldAt: scheduledAt });
    await accepted(duf, 'decide', {
      outcome: 'rejected',
      grounds: 'internal protection in Lviv',
      internalProtectionOblast: 'Lviv',
    });
    return duf;
  }

  it('1. runs the appeal period from service (fvl. § 29): no deadline at the decision, three weeks from servedAt', async () => {
    const duf = await rejectedCase();
    const decided = await state(duf);
    expect(decided).toMatchObject({ status: 'rejected', workItems: ['decision-not-served'], deadlines: [] });
    const servedAt = new Date().toISOString();
    const served = await accepted(duf, 'recordDecisionServed', { servedAt, via: 'lawyer' });
    const appeal = served.deadlines.find((deadline) => deadline.kind === 'appeal');
    expect(Date.parse(appeal?.dueAt ?? '') - Date.parse(servedAt)).toBe(21 * SECOND);
    expect(served.workItems).toEqual([]);
    // Served once; a second service is a 409 naming what is allowed.
    const again = await command(duf, 'recordDecisionServed', { servedAt, via: 'post' });
    expect(again).toMatchObject({ status: 409, body: { error: 'InvalidTransition' } });
    // A bad channel is a 400 with the field.
    const bad = await command(duf, 'recordDecisionServed', { servedAt, via: 'pigeon' });
    expect(bad).toMatchObject({
      status: 400,
      body: { error: 'ValidationError', issues: [{ path: ['via'] }] },
    });
  }, 60_000);

  it('2. takes an appeal posted before the deadline but registered after it, and refuses one posted after (fvl. § 30)', async () => {
    const duf = await rejectedCase();
    await accepted(duf, 'recordDecisionServed', { servedAt: new Date().toISOString(), via: 'police' });
    const final = await until(duf, (current) => current.status === 'departure-pending', 40);
    const ranOut = final.appealable?.deadlineRanOutAt as string;
    expect(final.deadlines.map((deadline) => deadline.kind)).toEqual(['departure']);

    const late = await command(duf, 'lodgeAppeal', {
      lodgedAt: new Date(Date.parse(ranOut) + SECOND).toISOString(),
      requestsSuspensiveEffect: true,
    });
    expect(late).toMatchObject({ status: 409, body: { error: 'InvalidTransition' } });
    expect(String(late.body.message)).toMatch(/lateAppealExcused/);

    const posted = await command(duf, 'lodgeAppeal', {
      lodgedAt: new Date(Date.parse(ranOut) - SECOND).toISOString(),
      requestsSuspensiveEffect: true,
    });
    expect(posted).toMatchObject({ status: 200, body: { status: 'appeal-reconsideration', deadlines: [] } });
    const events = (await (await system.request('auditor', 'GET', `/api/cases/${duf}/events`)).json()) as {
      type: string;
      data: Record<string, unknown>;
    }[];
    expect(events.find((event) => event.type === 'AppealLodged')?.data).toMatchObject({
      postedBeforeDeadline: ranOut,
    });
  }, 90_000);

  it('3. decides suspensive effect on request: nothing enforced while it waits; refused, the departure deadline runs (fvl. § 42)', async () => {
    const duf = await rejectedCase();
    const appealed = await accepted(duf, 'lodgeAppeal', {
      lodgedAt: new Date().toISOString(),
      requestsSuspensiveEffect: true,
    });
    expect(appealed).toMatchObject({ workItems: ['suspensive-effect-waiting'], deadlines: [] });
    const listed = (await (
      await system.request('caseworker', 'GET', '/api/cases?status=appeal-reconsideration')
    ).json()) as {
      items: { dufNumber: string }[];
    };
    expect(listed.items.map((item) => item.dufNumber)).toContain(duf);
    const malformed = await command(duf, 'decideSuspensiveEffect', { granted: 'no', grounds: 'x' });
    expect(malformed).toMatchObject({ status: 400, body: { error: 'ValidationError' } });
    const refused = await accepted(duf, 'decideSuspensiveEffect', {
      granted: false,
      grounds: 'manifestly unfounded',
    });
    expect(refused.deadlines.map((deadline) => deadline.kind)).toEqual(['departure']);
    expect(refused.workItems).toEqual([]);
    const decidedTwice = await command(duf, 'decideSuspensiveEffect', { granted: true, grounds: 'again' });
    expect(decidedTwice.status).toBe(409);
    // The departure deadline runs out during the appeal: the case stays with UDI, and the police are told.
    const enforced = await until(duf, (current) => current.policeEnforcing, 40);
    expect(enforced.status).toBe('appeal-reconsideration');
  }, 90_000);
});
