import { OPEN_CASES_QUERY } from '@saksflyt/audit';
import { policyInForce, STANDARD_POLICY } from '@saksflyt/domain';
import { COLLECTIVE_PROTECTION_GRANTED } from '@saksflyt/domain/testing';
import { startTestSystem, type TestSystem } from '../__fixtures__/test-system';
import { PolicyImpactReport, PolicyListing } from './policy.controller';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Issue 16, first part, through the HTTP API on a real dev server and worker: the versions in code, and the impact of
// a draft on a small fixture of open cases, each judged again from its own history.
describe('the policy routes on a real dev server', () => {
  let system: TestSystem;
  /** Awaiting the collective assessment, from Kharkiv: the draft excludes Kharkiv. */
  const ENTERS_EXCLUSION = '202416000001';
  /** Rejected on internal protection in Lviv: the draft no longer holds Lviv safe. */
  const RESTS_ON_LVIV = '202416000002';
  /** Awaiting the collective assessment, from Odesa: nothing in the draft touches it. */
  const UNTOUCHED = '202416000003';
  /** Closed (collective protection granted), from Kharkiv: a closed case has no impact. */
  const CLOSED = '202416000004';

  const inForce = () => policyInForce(new Date().toISOString().slice(0, 10), STANDARD_POLICY);
  const draft = () => ({
    version: 'NO-UKR-DRAFT',
    validFrom: '2030-01-01',
    source: 'UDI guideline (draft for the test)',
    internalProtectionSafeOblasts: inForce().internalProtectionSafeOblasts.filter(
      (oblast) => oblast !== 'Lviv',
    ),
    collectiveProtectionExcludedOblasts: [...inForce().collectiveProtectionExcludedOblasts, 'Kharkiv'],
  });

  const impactOf = async (body: unknown, user: 'caseworker' | 'auditor' = 'auditor') => {
    const response = await system.request(user, 'POST', '/api/policy/impact', body);
    return {
      status: response.status,
      body: (await response.json()) as PolicyImpactReport & { issues?: unknown },
    };
  };

  beforeAll(async () => {
    system = await startTestSystem();
    await system.lodgeRegistered(ENTERS_EXCLUSION, 'Kharkiv');
    await system.lodgeRegistered(RESTS_ON_LVIV, 'Kharkiv');
    await system.accepted(RESTS_ON_LVIV, 'assessCollectiveProtection', {
      eligible: false,
      reason: 'not resident',
    });
    const scheduledAt = new Date(Date.now() + 1000).toISOString();
    await system.accepted(RESTS_ON_LVIV, 'inviteToInterview', {
      scheduledAt,
      location: 'oslo',
      interpreterLanguage: 'uk',
    });
    await system.accepted(RESTS_ON_LVIV, 'recordInterview', { outcome: 'held', heldAt: scheduledAt });
    await system.accepted(RESTS_ON_LVIV, 'decide', {
      outcome: 'rejected',
      grounds: 'internal protection in Lviv',
      internalProtectionOblast: 'Lviv',
    });
    await system.lodgeRegistered(UNTOUCHED, 'Odesa');
    await system.lodgeRegistered(CLOSED, 'Kharkiv');
    await system.accepted(CLOSED, 'assessCollectiveProtection', COLLECTIVE_PROTECTION_GRANTED);
    // Visibility is eventually consistent: the impact lists the open cases it sees.
    for (
      let attempt = 0;
      (await system.server.client.workflow.count(OPEN_CASES_QUERY)).count !== 3;
      attempt++
    ) {
      if (attempt > 100) throw new Error('visibility never showed the three open cases');
      await sleep(200);
    }
  }, 180_000);
  afterAll(() => system?.stop());

  it('lists the versions in code, oldest first, unpublished, and names the one in force today', async () => {
    const response = await system.request('auditor', 'GET', '/api/policy');
    expect(response.status).toBe(200);
    const listing = PolicyListing.parse(await response.json());
    expect(listing.inForce).toBe(inForce().version);
    expect(listing.versions.map((version) => version.version)).toEqual(
      STANDARD_POLICY.map((version) => version.version),
    );
    expect(listing.versions[0]).toMatchObject({
      validFrom: '2024-04-01',
      publishedAt: null,
      publishedBy: null,
    });
  });

  it('lists exactly the open cases the draft would treat differently, and how', async () => {
    const { status, body } = await impactOf(draft());
    expect(status).toBe(200);
    expect(PolicyImpactReport.parse(body)).toEqual(body);
    expect(body.cases).toEqual([
      {
        dufNumber: ENTERS_EXCLUSION,
        status: 'awaiting-collective-assessment',
        effects: [
          expect.objectContaining({
            kind: 'home-area-enters-exclusion',
            params: expect.objectContaining({ oblast: 'Kharkiv' }),
          }),
        ],
      },
      {
        dufNumber: RESTS_ON_LVIV,
        status: 'rejected',
        effects: [
          expect.objectContaining({
            kind: 'decision-rests-on-unsafe-area',
            params: expect.objectContaining({ oblast: 'Lviv' }),
          }),
        ],
      },
    ]);
    expect(body.cases.map((entry) => entry.dufNumber)).not.toContain(UNTOUCHED);
    expect(body.cases.map((entry) => entry.dufNumber)).not.toContain(CLOSED);
  });

  it('lists no case for a draft that says what the version in force says', async () => {
    const same = {
      ...draft(),
      internalProtectionSafeOblasts: [...inForce().internalProtectionSafeOblasts],
      collectiveProtectionExcludedOblasts: [...inForce().collectiveProtectionExcludedOblasts],
    };
    expect(await impactOf(same, 'caseworker')).toEqual({ status: 200, body: { cases: [] } });
  });

  it('refuses a bad draft with a 400 naming the field', async () => {
    const duplicate = await impactOf({ ...draft(), internalProtectionSafeOblasts: ['Volyn', 'Volyn'] });
    expect(duplicate).toMatchObject({
      status: 400,
      body: {
        error: 'ValidationError',
        issues: [{ path: ['internalProtectionSafeOblasts', 1], code: 'duplicateOblast' }],
      },
    });
    const unknown = await impactOf({ ...draft(), collectiveProtectionExcludedOblasts: ['Narnia'] });
    expect(unknown).toMatchObject({
      status: 400,
      body: { issues: [{ path: ['collectiveProtectionExcludedOblasts', 0], code: 'notOneOf' }] },
    });
    const timeLimit = await impactOf({ ...draft(), appealPeriod: { weeks: 1 } });
    expect(timeLimit).toMatchObject({ status: 400, body: { issues: [{ code: 'unknownKeys' }] } });
    const { validFrom: _validFrom, ...undated } = draft();
    expect(await impactOf(undated)).toMatchObject({
      status: 400,
      body: { issues: [{ path: ['validFrom'], code: 'required' }] },
    });
  });

  // Last: from here on the registry holds a version (from 2030, so nothing above is in force any differently).
  it('publishes a version for admins only, with the open cases its impact touches listed for review', async () => {
    const before = PolicyListing.parse(await (await system.request('auditor', 'GET', '/api/policy')).json());
    expect((await system.request('caseworker', 'POST', '/api/policy/versions', draft())).status).toBe(403);

    const response = await system.request('admin', 'POST', '/api/policy/versions', draft());
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      version: 'NO-UKR-DRAFT',
      validFrom: '2030-01-01',
      publishedBy: 'admin',
      review: [
        { dufNumber: ENTERS_EXCLUSION, kinds: ['home-area-enters-exclusion'] },
        { dufNumber: RESTS_ON_LVIV, kinds: ['decision-rests-on-unsafe-area'] },
      ],
    });

    const listing = PolicyListing.parse(await (await system.request('auditor', 'GET', '/api/policy')).json());
    expect(listing.inForce).toBe(inForce().version);
    expect(listing.versions).toHaveLength(STANDARD_POLICY.length + 1);
    expect(listing.versions.at(-1)).toMatchObject({
      version: 'NO-UKR-DRAFT',
      publishedBy: 'admin',
      publishedAt: expect.any(String),
      collectiveProtectionExcludedOblasts: expect.arrayContaining(['Kharkiv']),
      review: expect.arrayContaining([expect.objectContaining({ dufNumber: RESTS_ON_LVIV })]),
    });
    expect(before.versions).toHaveLength(STANDARD_POLICY.length);
  });

  it('refuses a version in the past (400), on a date or under a name taken (409), and changes nothing', async () => {
    const listingBefore = await (await system.request('auditor', 'GET', '/api/policy')).json();
    const publish = async (body: object) => {
      const response = await system.request('admin', 'POST', '/api/policy/versions', body);
      return { status: response.status, body: await response.json() };
    };
    expect(await publish({ ...draft(), version: 'LATE', validFrom: '2020-01-01' })).toMatchObject({
      status: 400,
      body: { error: 'ValidationError', issues: [{ path: ['validFrom'], code: 'validFromInPast' }] },
    });
    expect(await publish({ ...draft(), version: 'AGAIN' })).toMatchObject({
      status: 409,
      body: { error: 'Conflict', code: 'policyValidFromTaken', params: { version: 'NO-UKR-DRAFT' } },
    });
    expect(await publish({ ...draft(), validFrom: '2031-01-01' })).toMatchObject({
      status: 409,
      body: { code: 'policyVersionTaken' },
    });
    expect(await publish({ ...draft(), source: ' ' })).toMatchObject({
      status: 400,
      body: { issues: [{ path: ['source'] }] },
    });
    expect(await (await system.request('auditor', 'GET', '/api/policy')).json()).toEqual(listingBefore);
  });

  // After the others: this version is in force from today, so the versions listed and the impacts above would change.
  it('a version published today decides the next command of a running case, with no restart, and the event names it', async () => {
    const RUNNING = '202416000005';
    await system.lodgeRegistered(RUNNING, 'Kharkiv');
    await system.accepted(RUNNING, 'assessCollectiveProtection', { eligible: false, reason: 'not resident' });
    const scheduledAt = new Date(Date.now() + 1000).toISOString();
    await system.accepted(RUNNING, 'inviteToInterview', {
      scheduledAt,
      location: 'oslo',
      interpreterLanguage: 'uk',
    });
    await sleep(1200);
    await system.accepted(RUNNING, 'recordInterview', { outcome: 'held', heldAt: scheduledAt });
    const decideOnKyiv = () =>
      system.request('caseworker', 'POST', `/api/cases/${RUNNING}/commands/decide`, {
        outcome: 'rejected',
        grounds: 'internal protection in Kyiv',
        internalProtectionOblast: 'Kyiv',
      });

    const refused = await decideOnKyiv();
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ issues: [{ code: 'oblastNotSafe' }] });

    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date());
    const published = await system.request('admin', 'POST', '/api/policy/versions', {
      version: 'NO-UKR-KYIV-SAFE',
      validFrom: today,
      source: 'UDI guideline (for the test): Kyiv held safe',
      internalProtectionSafeOblasts: [...inForce().internalProtectionSafeOblasts, 'Kyiv'],
      collectiveProtectionExcludedOblasts: [...inForce().collectiveProtectionExcludedOblasts],
    });
    expect(published.status).toBe(201);
    const listing = PolicyListing.parse(await (await system.request('auditor', 'GET', '/api/policy')).json());
    expect(listing.inForce).toBe('NO-UKR-KYIV-SAFE');

    const decided = await decideOnKyiv();
    expect(decided.status).toBe(200);
    const events = (await (
      await system.request('auditor', 'GET', `/api/cases/${RUNNING}/events`)
    ).json()) as {
      type: string;
      data: Record<string, unknown>;
    }[];
    expect(events.filter((event) => event.type === 'DecisionMade').map((event) => event.data)).toEqual([
      expect.objectContaining({ internalProtectionOblast: 'Kyiv', policyVersion: 'NO-UKR-KYIV-SAFE' }),
    ]);
  });

  it('describes the routes in the OpenAPI document', async () => {
    const docs = (await (await fetch(`${system.baseUrl}/api/docs`)).json()) as {
      paths: Record<string, object>;
    };
    expect(Object.keys(docs.paths)).toEqual(
      expect.arrayContaining(['/api/policy', '/api/policy/impact', '/api/policy/versions']),
    );
  });
});
