import { WorkflowUpdateFailedError } from '@temporalio/client';
import { fold } from '@saksflyt/domain';
import { anApplication } from '@saksflyt/domain/testing';
import { type CaseDriver, timeSkippingCases } from './__fixtures__/case-harness';
import { commandSignals, eventsQuery } from './messages';

// The rules of the second release on the time-skipping server: weeks and months pass in milliseconds, and every
// deadline is the workflow's own timer. Each test is named for the rule it proves (issue 12).
describe('the law past the happy path, on the time-skipping server', () => {
  const { start, callsFor } = timeSkippingCases('law-past-the-happy-path');
  const police = { id: 'police', role: 'system' } as const;
  const events = async (driver: CaseDriver) => driver.handle.query(eventsQuery);
  const types = async (driver: CaseDriver) => (await events(driver)).map((event) => event.type);

  it('1. starts the appeal period at service, not at the decision (fvl. § 29)', async () => {
    const driver = await start();
    await driver.rejected();
    expect((await driver.pass('60 days')).status).toBe('rejected');
    const served = await driver.send('recordDecisionServed', { servedAt: await driver.now(), via: 'lawyer' });
    expect(served.deadlines.map((deadline) => deadline.kind)).toEqual(['appeal']);
    expect((await driver.pass('20 days')).status).toBe('rejected');
    expect(await driver.pass('10 days')).toMatchObject({ status: 'departure-pending', decisionFinal: true });
    expect(callsFor(driver).map((call) => call.input.template)).toContain('decision-served');
  });

  it('2. takes an appeal posted in time but registered after the deadline: enforcement is withdrawn and the police told to stop (fvl. § 30)', async () => {
    const driver = await start();
    await driver.rejected();
    await driver.send('recordDecisionServed', { servedAt: await driver.now(), via: 'police' });
    await driver.pass('26 days');
    const enforced = await driver.pass('25 days');
    expect(enforced).toMatchObject({ status: 'enforcement', policeEnforcing: true });
    const ranOut = enforced.appealable?.deadlineRanOutAt as string;
    const appealed = await driver.send('lodgeAppeal', {
      lodgedAt: new Date(Date.parse(ranOut) - 60 * 60 * 1000).toISOString(),
      requestsSuspensiveEffect: true,
    });
    expect(appealed).toMatchObject({
      status: 'appeal-reconsideration',
      policeEnforcing: false,
      deadlines: [],
    });
    await driver.pass('1 minute');
    const told = callsFor(driver)
      .filter((call) => call.name === 'notifyPolice')
      .map((call) => call.input.reason);
    expect(told).toEqual(['departure-deadline-passed', 'enforcement-stopped']);
  });

  it('3. enforces nothing while suspensive effect waits; refused, the departure deadline runs during the appeal (fvl. § 42)', async () => {
    const driver = await start();
    await driver.rejected();
    await driver.send('lodgeAppeal', { lodgedAt: await driver.now(), requestsSuspensiveEffect: true });
    await driver.send('reconsiderAppeal', { reversed: false, grounds: 'the rejection stands' });
    const waiting = await driver.pass('90 days');
    expect(waiting).toMatchObject({
      status: 'at-une',
      deadlines: [],
      workItems: ['suspensive-effect-waiting'],
    });
    await driver.send('decideSuspensiveEffect', { granted: false, grounds: 'manifestly unfounded' });
    const enforced = await driver.pass('30 days');
    expect(enforced).toMatchObject({ status: 'at-une', policeEnforcing: true });
    expect(callsFor(driver).some((call) => call.name === 'notifyPolice')).toBe(true);
  });

  it('4. counts Dublin limits in calendar days and ends the request period; the applicant may travel on their own', async () => {
    const late = await start();
    await late.inIndividualAssessment();
    const assessed = await late.state();
    expect(assessed.deadlines.map((deadline) => deadline.kind)).toEqual(['dublin-request']);
    await late.pass('95 days');
    expect(await types(late)).toContain('DublinRequestPeriodEnded');
    await expect(
      late.send('registerDublinCase', {
        responsibleState: 'PL',
        procedure: 'take-charge',
        eurodacHit: false,
      }),
    ).rejects.toThrow(WorkflowUpdateFailedError);

    const driver = await start();
    await driver.inIndividualAssessment();
    await driver.send('registerDublinCase', {
      responsibleState: 'PL',
      procedure: 'take-charge',
      eurodacHit: false,
    });
    await driver.dublinReplied(true);
    await driver.pass('1 day');
    await driver.handle.signal(commandSignals.reportDeparture, {
      actor: police,
      departedAt: await driver.now(),
      destination: 'PL',
    });
    expect(await driver.handle.result()).toMatchObject({ status: 'transferred', closed: true });
  });

  it('5. refuses to examine for a safe third country, with no lawyer and the return country named (utl. § 32)', async () => {
    const driver = await start({ staysInSafeCountries: ['PL'] });
    await driver.inIndividualAssessment();
    const decided = await driver.send('decide', {
      outcome: 'not-examined-safe-third-country',
      grounds: 'stayed in Poland before Norway',
      returnCountry: 'PL',
    });
    expect(decided).toMatchObject({ status: 'rejected', appealable: { against: 'refusal-to-examine' } });
    await driver.pass('1 minute');
    expect(callsFor(driver).map((call) => call.name)).not.toContain('assignLawyer');
    expect(
      callsFor(driver).find((call) => call.input.template === 'application-not-examined')?.input.facts,
    ).toEqual({
      returnCountry: 'PL',
    });
  });

  it('6. records a departure, not a dismissal, when a rejected applicant leaves Norway', async () => {
    const driver = await start();
    await driver.rejected();
    await driver.handle.signal(commandSignals.reportLeftNorway, {
      actor: police,
      detectedAt: await driver.now(),
    });
    expect(await driver.handle.result()).toMatchObject({ status: 'departed' });
    expect(callsFor(driver).map((call) => call.input.template)).not.toContain('case-dismissed');
  });

  it('7. decides on the information UDI has after a no-show', async () => {
    const driver = await start();
    await driver.inIndividualAssessment();
    await driver.send('inviteToInterview', {
      scheduledAt: await driver.inDays(5),
      location: 'oslo',
      interpreterLanguage: 'uk',
    });
    await driver.pass('5 days');
    await driver.send('recordInterview', { outcome: 'no-show', heldAt: await driver.now() });
    expect((await driver.send('decide', { outcome: 'rejected', grounds: 'did not attend' })).status).toBe(
      'rejected',
    );
  });

  it('8. takes a passport handed in later as the case’s passport, its validity and custody', async () => {
    const driver = await start();
    await driver.registered({ kind: 'internal', surrendered: false });
    await driver.handle.signal(commandSignals.recordDocument, {
      actor: police,
      kind: 'original',
      receivedBy: 'police',
      description: 'passport handed in',
      passport: { kind: 'international', number: 'FY445566', expiresOn: '2031-05-01' },
    });
    expect((await driver.pass('1 minute')).passport).toEqual({
      kind: 'international',
      number: 'FY445566',
      expiresOn: '2031-05-01',
      custody: 'police',
    });
  });

  it('9. sends what reaches UDI on to UNE once UNE holds the case, and an original on to the police', async () => {
    const driver = await start();
    await driver.rejected();
    await driver.send('lodgeAppeal', { lodgedAt: await driver.now(), requestsSuspensiveEffect: false });
    await driver.send('reconsiderAppeal', { reversed: false, grounds: 'stands' });
    await driver.handle.signal(commandSignals.recordDocument, {
      actor: police,
      kind: 'copy',
      receivedBy: 'udi',
      description: 'medical report',
    });
    await driver.handle.signal(commandSignals.recordDocument, {
      actor: police,
      kind: 'original',
      receivedBy: 'udi',
      description: 'birth certificate',
    });
    const state = await driver.pass('1 minute');
    expect(callsFor(driver).map((call) => call.name)).toEqual(
      expect.arrayContaining(['forwardToUne', 'forwardOriginalToPolice']),
    );
    expect(state.documents.every((document) => document.forwardedAt !== undefined)).toBe(true);
    expect(state.workItems).toEqual([]);
    expect(await types(driver)).toEqual(
      expect.arrayContaining(['ForwardedToUne', 'OriginalForwardedToPolice']),
    );
  });

  it('10. invites an applicant at a private address after UDI’s call, with the reimbursement form; one not reached is listed', async () => {
    const driver = await start({
      applicant: {
        ...anApplication().applicant,
        residence: { kind: 'private', address: 'Storgata 1, 0155 Oslo' },
        contact: { email: 'olena@example.org' },
      },
    });
    await driver.inIndividualAssessment();
    await expect(
      driver.send('inviteToInterview', {
        scheduledAt: await driver.inDays(10),
        location: 'oslo',
        interpreterLanguage: 'uk',
      }),
    ).rejects.toThrow(WorkflowUpdateFailedError);
    const invited = await driver.send('inviteToInterview', {
      scheduledAt: await driver.inDays(10),
      location: 'oslo',
      interpreterLanguage: 'uk',
      phoneCall: { calledAt: await driver.now(), reached: false, hotelNight: false },
    });
    expect(invited.workItems).toEqual(['interview-call-not-reached']);
    await driver.pass('1 minute');
    expect(
      callsFor(driver).find((call) => call.input.template === 'interview-invitation')?.input.facts,
    ).toMatchObject({
      attachTravelReimbursementForm: true,
    });
  });

  it('11. counts a divorced applicant as single for interview priority, and ends the mark once the interview is held', async () => {
    const driver = await start({ applicant: { ...anApplication().applicant, maritalStatus: 'divorced' } });
    expect((await driver.state()).interviewPriority).toBe(true);
    expect((await driver.interviewed()).interviewPriority).toBe(false);
  });

  it('12. records what was done: the lawyer assigned, each notice delivered, the case handed to UNE', async () => {
    const driver = await start();
    await driver.rejected();
    await driver.send('lodgeAppeal', { lodgedAt: await driver.now(), requestsSuspensiveEffect: false });
    await driver.send('reconsiderAppeal', { reversed: false, grounds: 'stands' });
    const state = await driver.pass('1 minute');
    const record = await events(driver);
    expect(record.map((event) => event.type)).toEqual(
      expect.arrayContaining(['LawyerAssigned', 'NoticeDelivered', 'CaseHandedToUne']),
    );
    const lawyer = record.find((event) => event.type === 'LawyerAssigned');
    expect(lawyer?.data).toMatchObject({
      against: 'rejection',
      channel: expect.stringContaining('lawyerScheme'),
    });
    expect(state.handedToUneAt).toBeDefined();
  });

  it('13. gives, folded from its events, exactly the state the case reports (audit verify)', async () => {
    const driver = await start();
    await driver.inIndividualAssessment();
    await driver.send('registerDublinCase', {
      responsibleState: 'SE',
      procedure: 'take-back',
      eurodacHit: true,
      eurodacHitAt: await driver.now(),
    });
    await driver.dublinReplied(false);
    const reported = await driver.pass('1 minute');
    expect(fold(await events(driver))).toStrictEqual(reported);
  });

  it('14. records no interview as held before the time it was scheduled for', async () => {
    const driver = await start();
    await driver.inIndividualAssessment();
    await driver.send('inviteToInterview', {
      scheduledAt: await driver.inDays(3),
      location: 'online',
      interpreterLanguage: 'uk',
    });
    const refused = driver.send('recordInterview', { outcome: 'held', heldAt: await driver.now() });
    await expect(refused).rejects.toThrow(WorkflowUpdateFailedError);
    expect((await driver.state()).status).toBe('interview-scheduled');
  });

  it('opens every new case under rules version 2 (the first release’s cases are proven by their replayed histories)', async () => {
    const driver = await start();
    expect((await driver.state()).rulesVersion).toBe(2);
  });
});
