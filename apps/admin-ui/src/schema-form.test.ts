import { describe, expect, it } from '@jest/globals';
import { ApplicationLodged, CommandPayloads, COMMAND_NAMES } from './domain';
import { formHints, LANGS, MESSAGES } from './i18n';
import { applicationFields, commandFields, commandFieldsFor } from './payload-forms';
import { issueText } from './refusal-texts';
import {
  buildValue,
  checkForm,
  defaultValues,
  fieldErrorTestId,
  fieldsFromSchema,
  fieldTestId,
  placeIssues,
  UI_ACTOR,
  walkFields,
  type FieldSpec,
  type JsonSchema,
} from './schema-form';

const byKey = (fields: FieldSpec[]) =>
  new Map(walkFields(fields).map((field) => [field.path.join('.'), field]));

describe('fields from a JSON schema', () => {
  it('maps strings, formats, enums, booleans, numbers, lists, objects, unions and nullables', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        actor: { type: 'object', properties: { id: { type: 'string' } } },
        name: { type: 'string', maxLength: 20 },
        at: { type: 'string', format: 'date-time' },
        born: { type: 'string', format: 'date' },
        mail: { type: 'string', format: 'email' },
        colour: { type: 'string', enum: ['red', 'blue'] },
        done: { type: 'boolean' },
        maybe: { type: 'boolean' },
        days: { type: 'integer', minimum: 0, maximum: 90 },
        tags: { type: 'array', items: { type: 'string' } },
        home: {
          oneOf: [
            {
              type: 'object',
              properties: { kind: { const: 'a' }, x: { type: 'string' } },
              required: ['kind', 'x'],
            },
            {
              type: 'object',
              properties: { kind: { const: 'b' }, y: { type: 'string' } },
              required: ['kind', 'y'],
            },
          ],
        },
        hit: {
          anyOf: [
            { type: 'object', properties: { country: { type: 'string' } }, required: ['country'] },
            { type: 'null' },
          ],
        },
      },
      required: ['actor', 'name', 'at', 'colour', 'done', 'home', 'hit'],
    };
    const fields = fieldsFromSchema(schema);
    expect(fields.map((field) => [field.name, field.kind, field.required])).toEqual([
      ['name', 'text', true],
      ['at', 'text', true],
      ['born', 'text', false],
      ['mail', 'text', false],
      ['colour', 'select', true],
      ['done', 'checkbox', true],
      ['maybe', 'tristate', false],
      ['days', 'number', false],
      ['tags', 'list', false],
      ['home', 'union', true],
      ['hit', 'nullable', true],
    ]);
    const keyed = byKey(fields);
    expect(keyed.get('at')).toMatchObject({ input: 'datetime-local' });
    expect(keyed.get('born')).toMatchObject({ input: 'date' });
    expect(keyed.get('mail')).toMatchObject({ input: 'email' });
    expect(keyed.get('days')).toMatchObject({ integer: true, min: 0, max: 90 });
    expect(keyed.get('home')).toMatchObject({
      discriminator: 'kind',
      variants: [
        { value: 'a', fields: [{ name: 'x', path: ['home', 'x'] }] },
        { value: 'b', fields: [{ name: 'y', path: ['home', 'y'] }] },
      ],
    });
    expect(keyed.get('hit.country')).toMatchObject({ kind: 'text', required: true });
  });

  it('generates every command form and the new-case form without falling back to raw JSON', () => {
    for (const command of COMMAND_NAMES) {
      const fields = walkFields(commandFields(command));
      expect(fields.filter((field) => field.kind === 'json').map((field) => field.path)).toEqual([]);
      expect(fields.some((field) => field.path[0] === 'actor')).toBe(false);
    }
    const application = byKey(applicationFields());
    expect(application.get('lodgedAt')).toMatchObject({ kind: 'text', input: 'datetime-local' });
    expect(application.get('applicant.dateOfBirth')).toMatchObject({ kind: 'text', input: 'date' });
    expect(application.get('applicant.homeOblast')).toMatchObject({ kind: 'select' });
    expect(application.get('applicant.residence')).toMatchObject({ kind: 'union', discriminator: 'kind' });
    expect(application.get('staysInSafeCountries')).toMatchObject({ kind: 'list' });
    expect(byKey(commandFields('registerWithPolice')).get('eurodacHit')).toMatchObject({ kind: 'nullable' });
  });
});

describe('values from the inputs', () => {
  const fields = applicationFields();

  it('builds a valid ApplicationLodged from filled-in inputs', () => {
    const raw = {
      ...defaultValues(fields, { now: ['lodgedAt'], nowLocal: '2025-01-10T10:00' }),
      dufNumber: ' 202500000001 ',
      'applicant.fullName': 'Olena Kovalenko',
      'applicant.dateOfBirth': '1990-04-02',
      'applicant.nationality': 'UKR',
      'applicant.preferredLanguage': 'uk',
      'applicant.maritalStatus': 'single',
      'applicant.unaccompaniedMinor': true,
      'applicant.homeOblast': 'Kharkiv',
      'applicant.residence.kind': 'private',
      'applicant.residence.address': 'Storgata 1, Oslo',
      'applicant.contact.phone': '+4791234567',
      staysInSafeCountries: 'SE, DK',
    };
    const value = buildValue(fields, raw);
    expect(value).toEqual({
      dufNumber: '202500000001',
      lodgedAt: '2025-01-10T10:00:00+01:00',
      applicant: {
        fullName: 'Olena Kovalenko',
        dateOfBirth: '1990-04-02',
        nationality: 'UKR',
        preferredLanguage: 'uk',
        maritalStatus: 'single',
        hasChildren: false,
        unaccompaniedMinor: true,
        homeOblast: 'Kharkiv',
        residence: { kind: 'private', address: 'Storgata 1, Oslo' },
        contact: { phone: '+4791234567' },
      },
      staysInSafeCountries: ['SE', 'DK'],
    });
    expect(ApplicationLodged.safeParse(value).success).toBe(true);
  });

  it('leaves out optional groups and unions nobody filled in, and sends null for an unchecked nullable', () => {
    const update = commandFields('updateContactInfo');
    expect(buildValue(update, defaultValues(update))).toEqual({});
    const police = commandFields('registerWithPolice');
    expect(buildValue(police, defaultValues(police))).toMatchObject({
      eurodacHit: null,
      passport: { surrendered: false },
    });
    expect(
      buildValue(police, { ...defaultValues(police), eurodacHit: true, 'eurodacHit.country': 'PL' }),
    ).toMatchObject({ eurodacHit: { country: 'PL' } });
  });

  it('reads numbers and optional booleans', () => {
    const decide = commandFields('decide');
    expect(buildValue(decide, { ...defaultValues(decide), departureDeadlineDays: '21' })).toMatchObject({
      departureDeadlineDays: 21,
    });
    const dublin = commandFields('registerDublinCase');
    const value = buildValue(dublin, { ...defaultValues(dublin), familyInResponsibleState: 'false' });
    expect(value['familyInResponsibleState']).toBe(false);
    expect('previouslyProcessedThere' in value).toBe(false);
  });
});

describe('issues next to their fields', () => {
  it('puts zod issues at the field, the nearest enclosing field, or with the whole form', () => {
    const fields = applicationFields();
    const placed = placeIssues(fields, [
      { path: ['dufNumber'], message: 'a DUF number is exactly 12 digits' },
      { path: ['staysInSafeCountries', 0], message: 'two letters' },
      { path: ['applicant', 'residence', 'centreName'], message: 'too short' },
      { path: ['actor', 'id'], message: 'not shown' },
      { path: [], message: 'whole form' },
    ]);
    expect(placed).toEqual({
      byPath: {
        dufNumber: ['a DUF number is exactly 12 digits'],
        staysInSafeCountries: ['two letters'],
        'applicant.residence.centreName': ['too short'],
      },
      general: ['whole form'],
    });
  });

  it('checks a command payload with a stand-in actor and reports refinements by path', () => {
    const fields = commandFields('registerWithPolice');
    const raw = {
      ...defaultValues(fields),
      registeredAt: '2025-01-10T10:00',
      policeDistrict: 'Oslo',
      'passport.kind': 'none',
      'passport.surrendered': true,
    };
    const checked = checkForm(CommandPayloads.registerWithPolice, fields, raw, { withActor: true });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(Object.keys(checked.issues.byPath)).toEqual(['passport.surrendered']);
    expect('actor' in checked.value).toBe(false);

    const fine = checkForm(
      CommandPayloads.registerWithPolice,
      fields,
      { ...raw, 'passport.surrendered': false },
      { withActor: true },
    );
    expect(fine).toMatchObject({ ok: true, value: { policeDistrict: 'Oslo', eurodacHit: null } });
  });

  it('says "required" for what nobody filled in, and keeps the schema\'s message for what is wrong', () => {
    const fields = applicationFields();
    const checked = checkForm(
      ApplicationLodged,
      fields,
      { ...defaultValues(fields), dufNumber: '123' },
      { withActor: false, requiredMessage: 'Required.' },
    );
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.issues.byPath['dufNumber']).toEqual(['a DUF number is exactly 12 digits']);
      expect(checked.issues.byPath['applicant.fullName']).toEqual(['Required.']);
      expect(checked.issues.byPath['lodgedAt']).toEqual(['Required.']);
    }
  });

  it("says what is wrong in the reader's language, from the issue's code (issue 15), never in the schema's English", () => {
    const fields = applicationFields();
    const checked = checkForm(
      ApplicationLodged,
      fields,
      { ...defaultValues(fields), dufNumber: '123', 'applicant.contact.email': 'ola' },
      {
        withActor: false,
        requiredMessage: MESSAGES.nb.form.required,
        say: (issue) => issueText(MESSAGES.nb, issue),
      },
    );
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.issues.byPath['dufNumber']).toEqual(['Et DUF-nummer er nøyaktig 12 sifre.']);
      expect(checked.issues.byPath['applicant.contact.email']).toEqual([
        'Skriv en e-postadresse, f.eks. ola@example.no.',
      ]);
      expect(checked.issues.byPath['applicant.fullName']).toEqual([MESSAGES.nb.form.required]);
    }
  });

  it('names inputs and their errors by dotted path', () => {
    expect(fieldTestId(['applicant', 'residence', 'kind'])).toBe('field-applicant.residence.kind');
    expect(fieldErrorTestId(['staysInSafeCountries'])).toBe('field-error-staysInSafeCountries');
  });
});

describe('the forms of rules version 2', () => {
  const caseAt = (rulesVersion: 1 | 2, residence: 'private' | 'reception-centre') =>
    ({
      rulesVersion,
      application: {
        applicant: {
          residence:
            residence === 'private'
              ? { kind: 'private', address: 'Storgata 1, Oslo' }
              : { kind: 'reception-centre', centreName: 'Råde mottak' },
        },
      },
    }) as unknown as Parameters<typeof commandFieldsFor>[1];

  it('asks when and how a decision was served, and whether suspensive effect is granted', () => {
    const served = byKey(commandFields('recordDecisionServed'));
    expect(served.get('servedAt')).toMatchObject({ kind: 'text', input: 'datetime-local', required: true });
    expect(served.get('via')).toMatchObject({
      kind: 'select',
      options: ['lawyer', 'police', 'post', 'electronic'],
      required: true,
    });
    const suspensive = byKey(commandFields('decideSuspensiveEffect'));
    expect(suspensive.get('granted')).toMatchObject({ kind: 'checkbox' });
    // Grounds are long free text: a text area.
    expect(suspensive.get('grounds')).toMatchObject({ kind: 'text', multiline: true });
    const fields = commandFields('recordDecisionServed');
    const checked = checkForm(
      CommandPayloads.recordDecisionServed,
      fields,
      {
        ...defaultValues(fields, { now: ['servedAt'], nowLocal: '2026-11-29T10:00' }),
        via: 'lawyer',
      },
      { withActor: true },
    );
    expect(checked).toEqual({
      ok: true,
      value: { servedAt: '2026-11-29T10:00:00+01:00', via: 'lawyer' },
    });
  });

  it('offers the new outcome and the safe country to return to', () => {
    const decide = byKey(commandFields('decide'));
    expect(decide.get('outcome')).toMatchObject({
      options: expect.arrayContaining(['not-examined-safe-third-country']),
    });
    expect(decide.get('returnCountry')).toMatchObject({ kind: 'text', required: false });
    const fields = commandFields('decide');
    const value = buildValue(fields, {
      ...defaultValues(fields),
      outcome: 'not-examined-safe-third-country',
      grounds: 'stayed in Sweden, a safe third country',
      returnCountry: 'SE',
    });
    expect(CommandPayloads.decide.safeParse({ ...value, actor: UI_ACTOR }).success).toBe(true);
  });

  it('leaves out the phone call nobody filled in, builds the one given, and says what it lacks', () => {
    const fields = commandFields('inviteToInterview');
    const base = {
      ...defaultValues(fields),
      scheduledAt: '2026-12-10T10:00',
      location: 'oslo',
      interpreterLanguage: 'uk',
    };
    expect(buildValue(fields, base)).not.toHaveProperty('phoneCall');
    expect(buildValue(fields, { ...base, 'phoneCall.calledAt': '2026-11-29T09:00' })).toMatchObject({
      phoneCall: { calledAt: '2026-11-29T09:00:00+01:00', reached: false, hotelNight: false },
    });
    const onlyTicked = checkForm(
      CommandPayloads.inviteToInterview,
      fields,
      { ...base, 'phoneCall.reached': true },
      { withActor: true, requiredMessage: 'Required.' },
    );
    expect(onlyTicked.ok).toBe(false);
    if (!onlyTicked.ok) expect(onlyTicked.issues.byPath).toEqual({ 'phoneCall.calledAt': ['Required.'] });
  });

  it('takes a passport handed in (a real one of either kind) and a late appeal with its grounds', () => {
    const document = commandFields('recordDocument');
    expect(byKey(document).get('passport.kind')).toMatchObject({
      kind: 'select',
      options: ['international', 'internal'],
    });
    const base = {
      ...defaultValues(document),
      kind: 'original',
      receivedBy: 'police',
      description: 'passport',
    };
    expect(buildValue(document, base)).not.toHaveProperty('passport');
    const withPassport = buildValue(document, {
      ...base,
      'passport.kind': 'international',
      'passport.number': 'FX123456',
      'passport.expiresOn': '2031-05-01',
    });
    expect(withPassport['passport']).toEqual({
      kind: 'international',
      number: 'FX123456',
      expiresOn: '2031-05-01',
    });
    expect(CommandPayloads.recordDocument.safeParse({ ...withPassport, actor: UI_ACTOR }).success).toBe(true);

    const appeal = commandFields('lodgeAppeal');
    const late = buildValue(appeal, {
      ...defaultValues(appeal),
      lodgedAt: '2026-11-20T12:00',
      'lateAppealExcused.grounds': 'in hospital when the period ran',
    });
    expect(late).toEqual({
      lodgedAt: '2026-11-20T12:00:00+01:00',
      requestsSuspensiveEffect: false,
      lateAppealExcused: { grounds: 'in hospital when the period ran' },
    });
    expect(CommandPayloads.lodgeAppeal.safeParse({ ...late, actor: UI_ACTOR }).success).toBe(true);
  });

  it('fits the form to the case: its rules version, and the phone call at a private address only', () => {
    const names = (command: Parameters<typeof commandFieldsFor>[0], state: ReturnType<typeof caseAt>) =>
      commandFieldsFor(command, state).map((field) => [field.name, field.required]);
    expect(names('inviteToInterview', caseAt(2, 'private'))).toContainEqual(['phoneCall', true]);
    expect(names('inviteToInterview', caseAt(2, 'reception-centre')).map(([name]) => name)).not.toContain(
      'phoneCall',
    );
    expect(names('recordDocument', caseAt(2, 'private')).map(([name]) => name)).toEqual([
      'kind',
      'receivedBy',
      'description',
      'passport',
    ]);
    expect(names('recordDocument', caseAt(1, 'private')).map(([name]) => name)).toEqual([
      'kind',
      'receivedBy',
      'description',
      'isPassport',
    ]);
    expect(names('decide', caseAt(1, 'private')).map(([name]) => name)).not.toContain('returnCountry');
    // The first release had no call before the interview.
    expect(names('inviteToInterview', caseAt(1, 'private')).map(([name]) => name)).not.toContain('phoneCall');
    // A required phone call is built even untouched, so the form says what is missing before anything is sent.
    const required = commandFieldsFor('inviteToInterview', caseAt(2, 'private'));
    const checked = checkForm(
      CommandPayloads.inviteToInterview,
      required,
      {
        ...defaultValues(required),
        scheduledAt: '2026-12-10T10:00',
        location: 'oslo',
        interpreterLanguage: 'uk',
      },
      { withActor: true, requiredMessage: 'Required.' },
    );
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.issues.byPath).toEqual({ 'phoneCall.calledAt': ['Required.'] });
  });

  it('guides the fields whose meaning changed, in both languages', () => {
    for (const lang of LANGS) {
      const hints = formHints(MESSAGES[lang], 'lodgeAppeal');
      expect(Object.keys(hints).sort()).toEqual(['lateAppealExcused', 'lodgedAt']);
      expect(formHints(MESSAGES[lang], 'inviteToInterview')).toHaveProperty('phoneCall');
      // Every hint names a field its command's form has.
      for (const key of Object.keys(MESSAGES[lang].formHint)) {
        const [command = '', path = ''] = key.split(':');
        expect(COMMAND_NAMES).toContain(command);
        expect(byKey(commandFields(command as (typeof COMMAND_NAMES)[number])).has(path)).toBe(true);
      }
    }
  });
});
