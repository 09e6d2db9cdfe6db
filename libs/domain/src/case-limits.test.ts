import { CASE_LIMITS } from './case-limits';
import { CommandPayloads } from './commands';
import { validationRejection } from './decide';
import { Scenario } from './__fixtures__';

const description = 'd'.repeat(1000);

describe('what one case keeps, within what Temporal carries', () => {
  it('takes documents up to the limit, then refuses the next with a 409 that says why, and drops it from the allowed commands', () => {
    const scenario = new Scenario();
    for (let count = 0; count < CASE_LIMITS.documents; count++) {
      scenario.send('recordDocument', { kind: 'copy', receivedBy: 'udi', description });
    }
    expect(scenario.state.documents).toHaveLength(CASE_LIMITS.documents);
    expect(scenario.state.allowedCommands).not.toContain('recordDocument');
    expect(
      scenario.rejection('recordDocument', { kind: 'copy', receivedBy: 'udi', description }),
    ).toMatchObject({
      error: 'InvalidTransition',
      message: `the case holds ${CASE_LIMITS.documents} documents, the most one case keeps`,
    });
    expect(JSON.stringify(scenario.state).length).toBeLessThan(300_000);
  });

  it('refuses the commands nothing else bounds once the record is full, and still takes the lifecycle on', () => {
    const scenario = new Scenario();
    while (scenario.state.lastEventSeq < CASE_LIMITS.events) {
      scenario.send('updateContactInfo', { residence: { kind: 'private', address: 'a'.repeat(500) } });
    }
    expect(scenario.rejection('updateContactInfo', { contact: { phone: '+4791234567' } })).toMatchObject({
      error: 'InvalidTransition',
      message: expect.stringContaining(`holds ${CASE_LIMITS.events} events`),
    });
    expect(scenario.state.allowedCommands).toEqual(
      expect.not.arrayContaining(['updateContactInfo', 'applyForWorkPermit']),
    );
    expect(scenario.state.allowedCommands).toEqual(
      expect.arrayContaining(['registerWithPolice', 'withdraw']),
    );
    scenario.send('withdraw', { receivedAt: scenario.now, exemption: 'other-permit' });
    expect(scenario.state).toMatchObject({ status: 'withdrawn', closed: true });
    // The whole record as continue-as-new carries it stays far inside Temporal's 2 MB.
    expect(JSON.stringify(scenario.events).length).toBeLessThan(1_000_000);
  });

  it('echoes only so much of a bad input in its rejection: huge or countless keys are cut short', () => {
    const huge = 'k'.repeat(100_000);
    const payload = Object.fromEntries([
      [huge, 1],
      ...Array.from({ length: 5000 }, (_, index) => [`extra${index}`, 1]),
    ]);
    const parsed = CommandPayloads.withdraw.safeParse(payload);
    expect(parsed.success).toBe(false);
    const rejection = validationRejection('withdraw', parsed.error?.issues ?? []);
    expect(rejection.message.length).toBeLessThanOrEqual(600);
    expect(JSON.stringify(rejection.issues).length).toBeLessThan(3_000);
    const many = validationRejection(
      'replay request',
      Array.from({ length: 1000 }, (_, index) => ({
        path: ['dufNumbers', index],
        message: 'not a DUF number',
      })),
    );
    expect(many.issues).toHaveLength(10);
    expect(many.message).toMatch(/; and 990 more$/);
  });
});
