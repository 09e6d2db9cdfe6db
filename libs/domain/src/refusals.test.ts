import { anApplication } from './__fixtures__/applications';
import { inIndividualAssessment, Scenario } from './__fixtures__/scenario';
import { CommandPayloads } from './commands';
import { openCase, validationRejection } from './decide';
import { codeOfZodIssue, REFUSALS, refusalText } from './refusals';
import { signalRefused } from './topics/record';

// Issue 15: every refusal carries a code (and the values it names) that a UI translates; the English message stays
// for the API's readers and the logs.

describe('refusal codes', () => {
  it('gives each field issue of a schema the code of its rule, with what it names', () => {
    const opened = openCase(
      { ...anApplication(), dufNumber: '12', applicant: { ...anApplication().applicant, fullName: '   ' } },
      { now: new Date().toISOString() },
    );
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.rejection).toMatchObject({
      error: 'ValidationError',
      issues: expect.arrayContaining([
        { path: ['dufNumber'], message: 'a DUF number is exactly 12 digits', code: 'dufNumber' },
        expect.objectContaining({ path: ['applicant', 'fullName'], code: 'blank' }),
      ]),
    });
  });

  it("reads zod's own kinds of issue as codes with their bounds and values", () => {
    const issuesOf = (
      schema: { safeParse: (value: unknown) => { error?: { issues: unknown[] } } },
      value: unknown,
    ) =>
      validationRejection('x', (schema.safeParse(value).error?.issues ?? []) as never).issues.map(
        ({ code, params }) => ({ code, params }),
      );
    expect(issuesOf(CommandPayloads.recordInterview, { actor: { id: 'a', role: 'caseworker' } })).toEqual(
      expect.arrayContaining([{ code: 'required' }]),
    );
    expect(
      issuesOf(CommandPayloads.recordInterview, {
        actor: { id: 'a', role: 'caseworker' },
        outcome: 'maybe',
        heldAt: 'yesterday',
      }),
    ).toEqual(
      expect.arrayContaining([
        { code: 'notOneOf', params: { values: expect.arrayContaining(['held']) } },
        { code: 'badFormat', params: { format: 'datetime' } },
      ]),
    );
    expect(
      issuesOf(CommandPayloads.reconsiderAppeal, {
        actor: { id: 'a', role: 'caseworker' },
        reversed: true,
        grounds: 'x',
        extra: 1,
      }),
    ).toEqual([{ code: 'unknownKeys', params: { keys: ['extra'] } }]);
  });

  it('gives the schema texts their codes back, and any other text the code of an invalid value', () => {
    for (const code of [
      'dufNumber',
      'countryAlpha2',
      'phoneNumber',
      'password',
      'contactUpdateEmpty',
    ] as const)
      expect(codeOfZodIssue({ message: REFUSALS[code]() })).toEqual({ code });
    expect(codeOfZodIssue({ message: 'must have at least 2 characters besides spaces' })).toEqual({
      code: 'tooFewLetters',
      params: { minimum: 2 },
    });
    expect(codeOfZodIssue({ message: 'something new' })).toEqual({ code: 'invalidValue' });
  });

  it('names a command not allowed in the status by the command and the status', () => {
    const scenario = new Scenario(anApplication());
    const rejection = scenario.rejection('reconsiderAppeal', { reversed: true, grounds: 'x' });
    expect(rejection).toMatchObject({
      error: 'InvalidTransition',
      code: 'notAllowedNow',
      params: { command: 'reconsiderAppeal', status: scenario.state.status },
      message: refusalText('notAllowedNow', { command: 'reconsiderAppeal', status: scenario.state.status }),
    });
  });

  it("names a rule's refusal of a field by its code and the values it cites (the safe country stayed in)", () => {
    const scenario = inIndividualAssessment(new Scenario(anApplication({ staysInSafeCountries: ['PL'] })));
    expect(
      scenario.rejection('decide', {
        outcome: 'not-examined-safe-third-country',
        grounds: 'x',
        returnCountry: 'SE',
      }),
    ).toEqual({
      error: 'ValidationError',
      message: refusalText('returnCountryNotStayedIn', { stayedIn: ['PL'], returnCountry: 'SE' }),
      issues: [
        {
          path: ['returnCountry'],
          message: refusalText('returnCountryNotStayedIn', { stayedIn: ['PL'], returnCountry: 'SE' }),
          code: 'returnCountryNotStayedIn',
          params: { stayedIn: ['PL'], returnCountry: 'SE' },
        },
      ],
    });
  });

  it('keeps the record of a refused signal as it was: path and English text, no codes', () => {
    const scenario = new Scenario(anApplication());
    const rejection = scenario.rejection('registerWithPolice', { registeredAt: 'not a time' });
    const recorded = signalRefused(
      { state: scenario.state, now: scenario.now },
      'registerWithPolice',
      rejection,
    );
    expect(rejection.error === 'ValidationError' && rejection.issues[0]?.code).toBeTruthy();
    expect(recorded.data.issues?.length).toBeGreaterThan(0);
    for (const issue of recorded.data.issues ?? [])
      expect(Object.keys(issue).sort()).toEqual(['message', 'path']);
  });
});
