import { WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { CaseEvent } from '@saksflyt/domain';
import { anApplication, CASEWORKER } from '@saksflyt/domain/testing';
import { type CaseDriver, timeSkippingCases } from './__fixtures__/case-harness';
import { commandSignals, eventsQuery } from './messages';

describe('protectionCase on the time-skipping server (weeks pass in milliseconds)', () => {
  const taskQueue = 'protection-cases-test';
  const { start, callsFor, env } = timeSkippingCases(taskQueue);
  /** The activities the case's events called for, in order (the projection's writes are not effects: see below). */
  const effectNames = (driver: CaseDriver) =>
    callsFor(driver)
      .filter((call) => call.name !== 'projectCase' && call.name !== 'carryOutEffects')
      .map((call) => (call.name === 'notifyApplicant' ? `notify:${String(call.input.template)}` : call.name));

  it('grants collective protection and completes the workflow with the final state', async () => {
    const driver = await start();
    await driver.registered();
    await driver.send('assessCollectiveProtection', {
      eligible: true,
      reason: 'from Kharkiv, no safe-country stays',
    });
    const result = await driver.handle.result();
    expect(result).toMatchObject({
      status: 'collective-protection-granted',
      closed: true,
      passport: { custody: 'returned' },
    });
    expect(effectNames(driver)).toEqual(['notify:collective-protection-granted', 'archiveCase']);
  });

  it('projection-lane: every event reaches the projection, all of them before the case archives', async () => {
    const driver = await start();
    await driver.registered();
    await driver.send('assessCollectiveProtection', {
      eligible: true,
      reason: 'from Kharkiv, no safe-country stays',
    });
    const final = await driver.handle.result();
    const calls = callsFor(driver);
    // Written by the lane's projectCase, or by an effect's activity before its effect (`projectFirst`).
    const written = (call: (typeof calls)[number]) =>
      (call.name === 'projectCase' ? call.input : call.input.projectFirst) as
        { events: { seq: number }[] } | undefined;
    const projected = new Set(calls.flatMap((call) => written(call)?.events.map((event) => event.seq) ?? []));
    expect([...projected].sort((a, b) => a - b)).toEqual(
      Array.from({ length: final.lastEventSeq }, (_, index) => index + 1),
    );
    // The notice's activity wrote the decision's events first: no write of its own for them.
    expect(calls.find((call) => call.name === 'notifyApplicant')?.input.projectFirst).toBeDefined();
    const lastWrite = calls.map((call) => Boolean(written(call))).lastIndexOf(true);
    expect(lastWrite).toBeLessThan(calls.findIndex((call) => call.name === 'archiveCase'));
  });

  it('effects-together: a change with several effects carries them out in one activity, each recorded as done', async () => {
    const driver = await start();
    await driver.rejected();
    await driver.send('lodgeAppeal', { lodgedAt: await driver.now(), requestsSuspensiveEffect: true });
    await driver.send('reconsiderAppeal', { reversed: false, grounds: 'the rejection stands' });
    // The appeal goes to UNE: the case package and the applicant's notice, one change, one activity.
    const recordedBoth = (events: CaseEvent[]) =>
      events.some((event) => event.type === 'CaseHandedToUne') &&
      events.some(
        (event) => event.type === 'NoticeDelivered' && event.data.template === 'appeal-sent-to-une',
      );
    let events = await driver.handle.query(eventsQuery);
    for (let tries = 0; !recordedBoth(events) && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      events = await driver.handle.query(eventsQuery);
    }
    const together = callsFor(driver).filter((call) => call.name === 'carryOutEffects');
    expect(
      together.map((call) => (call.input.calls as { activity: string }[]).map((c) => c.activity)),
    ).toContainEqual(['handCaseToUne', 'notifyApplicant']);
    const sent = events.find((event) => event.type === 'AppealReconsidered');
    const done = events.filter(
      (event) => 'causedBySeq' in event.data && event.data.causedBySeq === sent?.seq,
    );
    expect(done.map((event) => event.type)).toEqual(['CaseHandedToUne', 'NoticeDelivered']);
    // Each effect kept its own idempotency key.
    expect(
      (together.at(-1)?.input.calls as { input: { key: string } }[]).map((call) => call.input.key),
    ).toEqual([`${driver.handle.workflowId}:${sent?.seq}:0`, `${driver.handle.workflowId}:${sent?.seq}:1`]);
  });

  it('runs individual assessment → interview (with the reminder three days before) → protection granted', async () => {
    const driver = await start();
    await driver.inIndividualAssessment();
    await driver.send('inviteToInterview', {
      scheduledAt: await driver.inDays(10),
      location: 'oslo',
      interpreterLanguage: 'uk',
    });
    expect((await driver.pass('6 days')).interview?.reminderSent).toBe(false);
    expect((await driver.pass('2 days')).interview?.reminderSent).toBe(true);
    await driver.pass('2 days');
    await driver.send('recordInterview', { outcome: 'held', heldAt: await driver.now() });
    await driver.send('decide', { outcome: 'granted-refugee', grounds: '§ 28 first paragraph (a)' });
    expect(await driver.handle.result()).toMatchObject({ status: 'protection-granted', closed: true });
    expect(effectNames(driver)).toEqual([
      'notify:assessed-individually',
      'notify:interview-invitation',
      'notify:interview-reminder',
      'notify:protection-granted',
      'archiveCase',
    ]);
  });

  it('invites through the reception centre, and by SMS/e-mail with the reimbursement form at a private address', async () => {
    const atCentre = await start();
    await atCentre.inIndividualAssessment();
    await atCentre.send('inviteToInterview', {
      scheduledAt: await atCentre.inDays(10),
      location: 'trondheim',
      interpreterLanguage: 'uk',
    });
    const privateAddress = await start({
      applicant: {
        ...anApplication().applicant,
        residence: { kind: 'private', address: 'Storgata 1, 0155 Oslo' },
        contact: { phone: '+4791234567', email: 'olena@example.org' },
      },
    });
    await privateAddress.inIndividualAssessment();
    await privateAddress.send('inviteToInterview', {
      scheduledAt: await privateAddress.inDays(10),
      location: 'oslo',
      interpreterLanguage: 'uk',
      phoneCall: { calledAt: await privateAddress.now(), reached: true, hotelNight: true },
    });
    await atCentre.pass('1 minute');
    const invitation = (driver: CaseDriver) =>
      callsFor(driver).find((call) => call.input.template === 'interview-invitation')?.input;
    expect(invitation(atCentre)?.recipient).toEqual({
      channel: 'reception-centre',
      centreName: 'Råde mottak',
    });
    expect(invitation(privateAddress)?.recipient).toMatchObject({
      channel: 'private',
      phone: '+4791234567',
      email: 'olena@example.org',
    });
    expect(invitation(privateAddress)?.facts).toMatchObject({
      attachTravelReimbursementForm: true,
      hotelNight: true,
    });
    expect(invitation(atCentre)?.facts).not.toHaveProperty('attachTravelReimbursementForm');
  });

  it('assigns a lawyer on a rejection, and UDI reverses on appeal', async () => {
    const driver = await start();
    await driver.rejected();
    await driver.send('lodgeAppeal', { lodgedAt: await driver.now(), requestsSuspensiveEffect: true });
    await driver.send('reconsiderAppeal', { reversed: true, grounds: 'new information on the home area' });
    expect(await driver.handle.result()).toMatchObject({ status: 'protection-granted' });
    expect(effectNames(driver)).toEqual(
      expect.arrayContaining(['assignLawyer', 'notify:application-rejected', 'notify:appeal-reversed']),
    );
  });

  it('rejection → appeal → UNE rejects → the departure deadline passes → enforcement, and the police are notified', async () => {
    const driver = await start();
    await driver.rejected();
    await driver.send('lodgeAppeal', { lodgedAt: await driver.now(), requestsSuspensiveEffect: true });
    await driver.send('reconsiderAppeal', { reversed: false, grounds: 'the rejection stands' });
    await driver.pass('60 days');
    // UNE's decision arrives from UNE's system as a Signal.
    await driver.handle.signal(commandSignals.recordUneDecision, {
      actor: { id: 'une-integration', role: 'system' },
      outcome: 'rejected',
      decidedAt: await driver.now(),
      departureDeadlineDays: 14,
    });
    expect((await driver.pass('1 minute')).status).toBe('departure-pending');
    expect((await driver.pass('25 days')).status).toBe('enforcement');
    await driver.pass('1 minute');
    expect(effectNames(driver)).toEqual(
      expect.arrayContaining(['handCaseToUne', 'notify:une-decided', 'notifyPolice']),
    );
    expect(callsFor(driver).find((call) => call.name === 'notifyPolice')?.input.reason).toBe(
      'departure-deadline-passed',
    );
  });

  it('makes a rejection final when no appeal comes within three weeks of service, and the departure deadline starts', async () => {
    const driver = await start();
    await driver.rejected();
    // fvl. § 29: the period runs from service, not from the decision.
    expect((await driver.pass('40 days')).status).toBe('rejected');
    await driver.send('recordDecisionServed', { servedAt: await driver.now(), via: 'lawyer' });
    expect((await driver.pass('20 days')).status).toBe('rejected');
    // Three weeks, moved past holidays (Easter can add five days) to the end of the day.
    const final = await driver.pass('10 days');
    expect(final).toMatchObject({ status: 'departure-pending', decisionFinal: true });
    expect(final.deadlines.map((deadline) => deadline.kind)).toEqual(['departure']);
  });

  it('takes silence to a Dublin take-charge request as acceptance after two months', async () => {
    const driver = await start();
    await driver.inIndividualAssessment();
    await driver.send('registerDublinCase', {
      responsibleState: 'PL',
      procedure: 'take-charge',
      eurodacHit: false,
    });
    expect((await driver.pass('55 days')).dublin?.reply).toBeUndefined();
    const accepted = await driver.pass('20 days');
    expect(accepted.dublin?.reply).toMatchObject({ accepted: true, implicit: true });
    expect(effectNames(driver)).toEqual(
      expect.arrayContaining(['sendDublinRequest', 'notify:dublin-transfer-decided', 'assignLawyer']),
    );
  });

  it('lets Norway take the case when the other Dublin state refuses (reply by Signal)', async () => {
    const driver = await start();
    await driver.inIndividualAssessment();
    await driver.send('registerDublinCase', {
      responsibleState: 'SE',
      procedure: 'take-back',
      eurodacHit: true,
      eurodacHitAt: await driver.now(),
    });
    await driver.dublinReplied(false);
    expect(await driver.pass('1 minute')).toMatchObject({
      status: 'individual-assessment',
      track: 'individual',
    });
  });

  it('passes responsibility to Norway when the six-month transfer deadline lapses', async () => {
    const driver = await start();
    await driver.inIndividualAssessment();
    await driver.send('registerDublinCase', {
      responsibleState: 'PL',
      procedure: 'take-charge',
      eurodacHit: false,
    });
    await driver.send('recordDublinReply', { accepted: true, repliedAt: await driver.now() });
    expect((await driver.pass('150 days')).status).toBe('dublin-procedure');
    expect(await driver.pass('40 days')).toMatchObject({
      status: 'individual-assessment',
      track: 'individual',
    });
  });

  it('extends the transfer deadline to 18 months when the applicant absconds', async () => {
    const driver = await start();
    await driver.inIndividualAssessment();
    await driver.send('registerDublinCase', {
      responsibleState: 'PL',
      procedure: 'take-charge',
      eurodacHit: false,
    });
    await driver.send('recordDublinReply', { accepted: true, repliedAt: await driver.now() });
    await driver.send('extendDublinTransferDeadline', { reason: 'absconding' });
    expect((await driver.pass('365 days')).status).toBe('dublin-procedure');
    expect((await driver.pass('200 days')).status).toBe('individual-assessment');
  });

  it('refuses to refer an unaccompanied minor with no family there and no case processed there (InvalidTransition)', async () => {
    const driver = await start({
      applicant: { ...anApplication().applicant, dateOfBirth: '2011-05-01', unaccompaniedMinor: true },
    });
    await driver.inIndividualAssessment();
    const refused = await driver
      .send('registerDublinCase', { responsibleState: 'PL', procedure: 'take-charge', eurodacHit: false })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((refused as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'InvalidTransition' });
    await driver.send('registerDublinCase', {
      responsibleState: 'PL',
      procedure: 'take-charge',
      eurodacHit: false,
      familyInResponsibleState: true,
    });
    expect((await driver.state()).status).toBe('dublin-procedure');
  });

  it('closes a withdrawal with an exemption; without one the applicant must leave by the departure deadline', async () => {
    const exempt = await start();
    await exempt.inIndividualAssessment();
    await exempt.send('withdraw', { receivedAt: await exempt.now(), exemption: 'under-90-days-schengen' });
    expect(await exempt.handle.result()).toMatchObject({ status: 'withdrawn' });

    const leaving = await start();
    await leaving.inIndividualAssessment();
    await leaving.send('withdraw', { receivedAt: await leaving.now() });
    expect((await leaving.state()).status).toBe('departure-pending');
    await leaving.handle.signal(commandSignals.reportDeparture, {
      actor: { id: 'police-integration', role: 'system' },
      departedAt: await leaving.now(),
      destination: 'UA',
    });
    expect(await leaving.handle.result()).toMatchObject({
      status: 'departed',
      passport: { custody: 'returned' },
    });
  });

  it('dismisses the case when the applicant leaves Norway before a decision', async () => {
    const driver = await start();
    await driver.inIndividualAssessment();
    await driver.handle.signal(commandSignals.reportLeftNorway, {
      actor: { id: 'police-integration', role: 'system' },
      detectedAt: await driver.now(),
    });
    expect(await driver.handle.result()).toMatchObject({ status: 'dismissed', closed: true });
  });

  it('grants a work permit after the interview, and refuses it before, with the reasons', async () => {
    const early = await start();
    await early.inIndividualAssessment();
    expect(
      (await early.send('applyForWorkPermit', { appliedAt: await early.now() })).workPermit,
    ).toMatchObject({
      status: 'refused',
      refusedFor: ['interview-not-held'],
    });
    const ready = await start();
    await ready.interviewed();
    expect((await ready.send('applyForWorkPermit', { appliedAt: await ready.now() })).workPermit.status).toBe(
      'granted',
    );
  });

  it('keeps the passport with the police while the case runs', async () => {
    const driver = await start();
    await driver.interviewed();
    expect((await driver.state()).passport.custody).toBe('police');
  });

  it('refuses an invalid transition with InvalidTransition naming the allowed commands, and the case runs on', async () => {
    const driver = await start();
    const refused = await driver
      .send('decide', { outcome: 'granted-refugee', grounds: 'too early' })
      .catch((error: unknown) => error as WorkflowUpdateFailedError);
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((refused as WorkflowUpdateFailedError).cause).toMatchObject({
      type: 'InvalidTransition',
      details: [{ allowedCommands: expect.arrayContaining(['registerWithPolice']) }],
    });
    expect(await driver.eventTypes()).toEqual(['ApplicationLodged']);
    await driver.registered();
    expect((await driver.state()).status).toBe('awaiting-collective-assessment');
  });

  it('refuses a malformed payload with ValidationError and the field issues', async () => {
    const driver = await start();
    const refused = await driver.handle
      .executeUpdate('registerWithPolice', { args: [{ actor: CASEWORKER, registeredAt: 'tomorrow-ish' }] })
      .catch((error: unknown) => error as WorkflowUpdateFailedError);
    expect((refused as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'ValidationError' });
    expect((await driver.state()).lastEventSeq).toBe(1);
  });

  it('records an invalid signal as a rejected command and never fails the workflow', async () => {
    const driver = await start();
    await driver.handle.signal(commandSignals.reportDeparture, {
      actor: { id: 'police', role: 'system' },
      departedAt: 'no',
    } as never);
    await driver.pass('1 minute');
    const events = await driver.handle.query(eventsQuery);
    expect(events.at(-1)).toMatchObject({
      type: 'CommandRejected',
      data: { command: 'reportDeparture', error: 'ValidationError' },
    });
    expect((await driver.handle.describe()).status.name).toBe('RUNNING');
    await driver.registered();
  });

  it('keeps a case working across continue-as-new, with its events and deadlines', async () => {
    const driver = await start({}, { historyLengthLimit: 40 });
    const firstRun = (await driver.handle.describe()).runId;
    await driver.inIndividualAssessment();
    for (let round = 0; round < 6; round++) {
      await driver.send('updateContactInfo', { contact: { email: `olena${round}@example.org` } });
    }
    await driver.send('inviteToInterview', {
      scheduledAt: await driver.inDays(10),
      location: 'oslo',
      interpreterLanguage: 'uk',
    });
    await driver.pass('1 minute');
    const latest = env().client.workflow.getHandle(driver.handle.workflowId);
    expect((await latest.describe()).runId).not.toBe(firstRun);
    expect((await driver.pass('8 days')).interview?.reminderSent).toBe(true);
    const events = await latest.query(eventsQuery);
    expect(events.map((event) => event.seq)).toEqual(events.map((_event, index) => index + 1));
    expect((await driver.state()).application.applicant.contact.email).toBe('olena5@example.org');
  });

  it('fails a case at once, without retrying, when the start input is not an ApplicationLodged', async () => {
    const handle = await env().client.workflow.start('protectionCase', {
      args: [{ ...anApplication(), dufNumber: 'not-a-duf' }],
      taskQueue,
      workflowId: 'case-bad-input',
    });
    const failure = await handle.result().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect((failure as WorkflowFailedError).cause).toMatchObject({ type: 'ValidationError' });
  });
});
