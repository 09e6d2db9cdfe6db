import { anApplication } from '../__fixtures__/applications';
import { interviewed, registered, Scenario } from '../__fixtures__/scenario';
import { evolve } from '../evolve';
import { effectCarriedOut } from './record';

function defined<Value>(value: Value | undefined): Value {
  if (value === undefined) throw new Error('expected a value');
  return value;
}

// Rules 8 and 9 of the second release: a passport handed in later, and what reaches UDI after UNE holds the case.

const passport = { kind: 'international', number: 'FY445566', expiresOn: '2031-05-01' } as const;

describe('a passport handed to the police later', () => {
  it('becomes the case’s passport: its kind, number, validity and custody', () => {
    const scenario = registered(new Scenario(), { kind: 'internal', surrendered: false }).send(
      'recordDocument',
      {
        kind: 'original',
        receivedBy: 'police',
        description: 'passport handed in at Oslo police station',
        passport,
      },
    );
    expect(scenario.then()).toEqual([
      {
        type: 'DocumentRecorded',
        data: {
          kind: 'original',
          receivedBy: 'police',
          description: 'passport handed in at Oslo police station',
          passport,
        },
      },
    ]);
    expect(scenario.state.passport).toEqual({ ...passport, custody: 'police' });
  });

  it('is an original handed to the police', () => {
    expect(
      registered(new Scenario()).rejection('recordDocument', {
        kind: 'copy',
        receivedBy: 'udi',
        description: 'copy of a passport',
        passport,
      }),
    ).toMatchObject({ error: 'ValidationError', issues: [{ path: ['passport'] }] });
  });

  it('does not count as valid for a work permit once expired on the day the permit is judged', () => {
    const scenario = interviewed(new Scenario()).send('recordDocument', {
      kind: 'original',
      receivedBy: 'police',
      description: 'new passport',
      passport: { ...passport, expiresOn: '2026-12-20' },
    });
    scenario
      .at('2026-12-21T10:00:00+01:00')
      .send('applyForWorkPermit', { appliedAt: '2026-12-19T10:00:00+01:00' });
    expect(scenario.then()).toEqual([
      {
        type: 'WorkPermitDecided',
        data: { appliedAt: '2026-12-19T10:00:00+01:00', granted: false, reasons: ['no-valid-passport'] },
      },
    ]);
  });

  it('is returned only when the case ends', () => {
    const scenario = interviewed(new Scenario());
    expect(scenario.state.passport.custody).toBe('police');
    scenario.send('decide', { outcome: 'granted-refugee', grounds: '§ 28 (a)' });
    expect(scenario.state.passport.custody).toBe('returned');
  });
});

describe('what reaches UDI', () => {
  it('records an original sent to UDI and sends it on to the police (the seed: originals go to the police)', () => {
    const scenario = registered(new Scenario()).send('recordDocument', {
      kind: 'original',
      receivedBy: 'udi',
      description: 'birth certificate (original) by post',
    });
    expect(scenario.then()[0]?.data).toMatchObject({ forwardTo: 'police' });
    expect(scenario.effects()).toEqual([
      { kind: 'forward-original-to-police', description: 'birth certificate (original) by post' },
    ]);
    expect(scenario.state.workItems).toEqual(['document-to-forward']);
  });

  it('sends documents and contact changes on to UNE once UNE holds the case', () => {
    const scenario = interviewed(new Scenario())
      .send('decide', { outcome: 'rejected', grounds: 'no risk' })
      .send('lodgeAppeal', { lodgedAt: '2026-12-11T10:00:00+01:00', requestsSuspensiveEffect: false })
      .send('reconsiderAppeal', { reversed: false, grounds: 'stands' });
    scenario.send('recordDocument', { kind: 'copy', receivedBy: 'udi', description: 'medical report' });
    expect(scenario.effects()).toEqual([
      { kind: 'forward-to-une', subject: 'document', description: 'medical report' },
    ]);
    scenario.send('updateContactInfo', { contact: { email: 'new@example.org' } });
    expect(scenario.effects()).toEqual([
      { kind: 'forward-to-une', subject: 'contact-change', description: 'new contact details' },
    ]);
  });

  it('lists a document to forward until the record shows it was forwarded', () => {
    const scenario = registered(new Scenario()).send('recordDocument', {
      kind: 'original',
      receivedBy: 'udi',
      description: 'diploma',
    });
    const [effect] = scenario.effects();
    const documentSeq = scenario.state.lastEventSeq;
    const done = effectCarriedOut(
      { state: scenario.state, now: scenario.now, events: scenario.events },
      defined(effect),
      documentSeq,
      {
        channel: 'outbox:police',
        deliveredAt: scenario.now,
      },
    );
    expect(done).toMatchObject({ type: 'OriginalForwardedToPolice', data: { causedBySeq: documentSeq } });
    const after = evolve(scenario.state, defined(done));
    expect(after.workItems).toEqual([]);
    expect(after.documents[0]).toMatchObject({ forwardTo: 'police', forwardedAt: scenario.now });
  });

  it('keeps the first release’s rule for its cases: an original recorded as received by UDI is refused', () => {
    expect(
      registered(new Scenario(anApplication(), undefined, 1)).rejection('recordDocument', {
        kind: 'original',
        receivedBy: 'udi',
        description: 'diploma',
      }).error,
    ).toBe('ValidationError');
  });
});
