import { ROUTED_TEAMS } from '@saksflyt/domain';
import { anApplication } from '@saksflyt/domain/testing';
import { startTestSystem, TEST_PASSWORD, TEST_USERS, type TestSystem } from '../__fixtures__/test-system';

const DAY_MS = 24 * 60 * 60 * 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Two more caseworkers beside the fixture's kari: per races kari; liv's account is disabled while she holds a case. */
const PER = 'per';
const LIV = 'liv';
type Who = keyof typeof TEST_USERS | typeof PER | typeof LIV;

interface Summary {
  dufNumber: string;
  assignedTo: string | null;
  team: string | null;
  lodgedAt: string | null;
  nextDeadline: string | null;
  holderDisabled: boolean;
}
interface Listed {
  items: Summary[];
  nextPageToken: string | null;
  complete?: boolean;
}
interface RecordedEvent {
  seq: number;
  type: string;
  actor: { id: string; role: string };
  data: Record<string, unknown>;
}

/**
 * Work allocation through the API on a real dev server and worker: taking, handing on and returning a case, the race
 * of two takes, the checks only the API can make (who may hold a case, which teams there are), notes, and the work
 * lists on the AssignedTo and Team search attributes.
 */
describe('work allocation through the API', () => {
  let system: TestSystem;
  const tokens = new Map<Who, string>();

  beforeAll(async () => {
    system = await startTestSystem({ SAKSFLYT_LOGIN_ATTEMPTS_PER_MINUTE: '1000' });
    await system.users.add(PER, 'caseworker', TEST_PASSWORD);
    await system.users.add(LIV, 'caseworker', TEST_PASSWORD);
  }, 120_000);
  afterAll(() => system?.stop());

  async function tokenOf(who: Who): Promise<string> {
    if (who !== PER && who !== LIV) return system.tokenOf(who);
    const cached = tokens.get(who);
    if (cached) return cached;
    const response = await fetch(`${system.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: who, password: TEST_PASSWORD }),
    });
    const { accessToken } = (await response.json()) as { accessToken: string };
    tokens.set(who, accessToken);
    return accessToken;
  }

  async function call(who: Who, method: string, route: string, body?: unknown) {
    const response = await fetch(`${system.baseUrl}${route}`, {
      method,
      headers: {
        authorization: `Bearer ${await tokenOf(who)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as any };
  }

  const command = (who: Who, duf: string, name: string, payload: unknown) =>
    call(who, 'POST', `/api/cases/${duf}/commands/${name}`, payload);
  const eventsOf = async (duf: string) =>
    (await call('auditor', 'GET', `/api/cases/${duf}/events`)).body as RecordedEvent[];

  async function open(duf: string, lodgedAt = new Date().toISOString()) {
    const opened = await call(
      'caseworker',
      'POST',
      '/api/cases',
      anApplication({ dufNumber: duf, lodgedAt }),
    );
    expect(opened.status).toBe(201);
  }

  /** Visibility is eventually consistent: asks until the list answers as expected. */
  async function listUntil(who: Who, query: string, check: (body: Listed) => boolean): Promise<Listed> {
    let last: unknown;
    for (let attempt = 0; attempt < 60; attempt++) {
      const response = await call(who, 'GET', `/api/cases?${query}`);
      expect(response.status).toBe(200);
      if (check(response.body)) return response.body as Listed;
      last = response.body;
      await sleep(200);
    }
    throw new Error(`never: ${query}; last answer ${JSON.stringify(last)}`);
  }
  const dufsOf = (body: Listed) => body.items.map((item) => item.dufNumber).sort();

  describe('take, hand on, return', () => {
    const duf = '202414000001';

    it('takes a case: CaseAssigned with the caseworker as actor and holder, in the team the status calls for', async () => {
      await open(duf);
      const before = (await eventsOf(duf)).length;
      const taken = await command('caseworker', duf, 'assignCase', { assignee: TEST_USERS.caseworker });
      expect(taken).toMatchObject({ status: 200, body: { assignee: 'kari', team: 'registration' } });
      const events = await eventsOf(duf);
      expect(events.slice(before)).toEqual([
        expect.objectContaining({
          type: 'CaseAssigned',
          actor: { id: 'kari', role: 'caseworker' },
          data: { assignee: 'kari', previousAssignee: null, team: 'registration' },
        }),
      ]);
      // Taking it again changes nothing.
      expect((await command('caseworker', duf, 'assignCase', { assignee: 'kari' })).status).toBe(200);
      expect(await eventsOf(duf)).toHaveLength(events.length);
    });

    it('hands it on to a named caseworker, who then holds it: kari may no longer hand it on', async () => {
      const handed = await command('caseworker', duf, 'assignCase', { assignee: PER });
      expect(handed).toMatchObject({ status: 200, body: { assignee: PER } });
      expect((await eventsOf(duf)).at(-1)).toMatchObject({
        type: 'CaseAssigned',
        actor: { id: 'kari', role: 'caseworker' },
        data: { assignee: PER, previousAssignee: 'kari', team: 'registration' },
      });
      const refused = await command('caseworker', duf, 'assignCase', { assignee: 'kari' });
      expect(refused).toMatchObject({ status: 409, body: { error: 'InvalidTransition', heldBy: PER } });
    });

    it('returns it to a queue: per to the Dublin unit, with no holder', async () => {
      const returned = await command(PER, duf, 'assignCase', { assignee: null, team: 'dublin-unit' });
      expect(returned).toMatchObject({ status: 200, body: { assignee: null, team: 'dublin-unit' } });
      expect((await eventsOf(duf)).at(-1)).toMatchObject({
        type: 'CaseAssigned',
        actor: { id: PER, role: 'caseworker' },
        data: { assignee: null, previousAssignee: PER, team: 'dublin-unit' },
      });
      await listUntil('caseworker', 'team=dublin-unit&assignedTo=none', (body) =>
        body.items.some((item) => item.dufNumber === duf && item.assignedTo === null),
      );
    });
  });

  it('lets exactly one of two racing takes win; the other is a 409 naming the winner', async () => {
    const duf = '202414000002';
    await open(duf);
    const before = (await eventsOf(duf)).length;
    const [kari, per] = await Promise.all([
      command('caseworker', duf, 'assignCase', { assignee: 'kari' }),
      command(PER, duf, 'assignCase', { assignee: PER }),
    ]);
    const answers = [
      { who: 'kari', ...kari },
      { who: PER, ...per },
    ];
    const won = answers.filter((answer) => answer.status === 200);
    const lost = answers.filter((answer) => answer.status !== 200);
    expect(won).toHaveLength(1);
    expect(lost).toEqual([
      expect.objectContaining({
        status: 409,
        body: expect.objectContaining({ error: 'InvalidTransition', heldBy: won[0]?.who }),
      }),
    ]);
    const assigned = (await eventsOf(duf)).slice(before);
    expect(assigned).toEqual([
      expect.objectContaining({
        type: 'CaseAssigned',
        data: expect.objectContaining({ assignee: won[0]?.who }),
      }),
    ]);
  });

  describe('bad input: a 400 naming the field, and nothing changes', () => {
    const duf = '202414000003';
    beforeAll(() => open(duf));

    it.each([
      ['an unknown assignee', { assignee: 'nobody' }, 'assignee', /no user nobody/],
      ['a disabled account', { assignee: TEST_USERS.disabled }, 'assignee', /disabled/],
      ['an auditor', { assignee: TEST_USERS.auditor }, 'assignee', /auditor/],
      ['a malformed username', { assignee: 'Kari Nordmann' }, 'assignee', /username/],
      ['an unknown team', { assignee: null, team: 'night-shift' }, 'team', /no team night-shift/],
    ])('assignCase with %s', async (_case, payload, field, message) => {
      const before = await eventsOf(duf);
      const refused = await command('admin', duf, 'assignCase', payload);
      expect(refused).toMatchObject({
        status: 400,
        body: {
          error: 'ValidationError',
          issues: [{ path: [field], message: expect.stringMatching(message) }],
        },
      });
      expect(await eventsOf(duf)).toEqual(before);
    });

    it.each([
      ['an empty note', ''],
      ['a note of 4001 characters', 'x'.repeat(4001)],
    ])('addNote with %s', async (_case, text) => {
      const before = await eventsOf(duf);
      const refused = await command('caseworker', duf, 'addNote', { text });
      expect(refused).toMatchObject({ status: 400, body: { error: 'ValidationError' } });
      expect(refused.body.issues.map((issue: { path: string[] }) => issue.path[0])).toEqual(['text']);
      expect(await eventsOf(duf)).toEqual(before);
    });

    it('refuses a list filter on a team that is not configured, naming team', async () => {
      const refused = await call('caseworker', 'GET', '/api/cases?team=night-shift');
      expect(refused).toMatchObject({ status: 400, body: { issues: [{ path: ['team'] }] } });
    });
  });

  it('records a note on an open case with its author, and the note is in the events', async () => {
    const duf = '202414000004';
    await open(duf);
    const text = 'The applicant called: a new phone number comes by post.';
    expect((await command('caseworker', duf, 'addNote', { text })).status).toBe(200);
    expect((await eventsOf(duf)).at(-1)).toMatchObject({
      type: 'NoteAdded',
      actor: { id: 'kari', role: 'caseworker' },
      data: { text },
    });
  });

  describe('work lists', () => {
    // Lodged three, one and two days ago, opened in that order: the list must order them itself.
    const mine = ['202414000011', '202414000012', '202414000013'];
    const ages = [3, 1, 2];
    const queued = '202414000014';
    const livs = '202414000015';

    beforeAll(async () => {
      for (const [index, duf] of mine.entries()) {
        await open(duf, new Date(Date.now() - (ages[index] ?? 0) * DAY_MS).toISOString());
        expect((await command('admin', duf, 'assignCase', { assignee: 'admin' })).status).toBe(200);
      }
      await open(queued);
      await open(livs);
      expect((await command(LIV, livs, 'assignCase', { assignee: LIV })).status).toBe(200);
      system.users.setDisabled(LIV, true);
    }, 60_000);

    it("lists the signed-in person's open cases by nearest deadline, then the oldest application, page by page", async () => {
      const all = await listUntil('admin', 'assignedTo=me', (body) =>
        mine.every((duf) => dufsOf(body).includes(duf)),
      );
      expect(all.complete).toBe(true);
      expect(all.items.every((item) => item.assignedTo === 'admin')).toBe(true);
      // Nearest deadline first (none last), then the oldest application: each case's key is at most the next one's.
      const key = (item: Summary): [number, number] => [
        item.nextDeadline ? Date.parse(item.nextDeadline) : Number.POSITIVE_INFINITY,
        Date.parse(item.lodgedAt ?? ''),
      ];
      const keys = all.items.map(key);
      const inOrder = keys.every(
        ([deadline, lodged], index) =>
          index === 0 ||
          (keys[index - 1] as [number, number])[0] < deadline ||
          ((keys[index - 1] as [number, number])[0] === deadline &&
            (keys[index - 1] as [number, number])[1] <= lodged),
      );
      expect({ inOrder, keys }).toEqual({ inOrder: true, keys });
      // The same order one case a page, through the API's own page tokens.
      const paged: string[] = [];
      let token: string | null = null;
      do {
        const page: { status: number; body: Listed } = await call(
          'admin',
          'GET',
          `/api/cases?assignedTo=me&pageSize=1${token ? `&pageToken=${token}` : ''}`,
        );
        expect(page.status).toBe(200);
        paged.push(...page.body.items.map((item) => item.dufNumber));
        token = page.body.nextPageToken;
      } while (token);
      expect(paged).toEqual(all.items.map((item) => item.dufNumber));
      // A named person's list is the same list; kari's holds none of them.
      const named = await call('caseworker', 'GET', '/api/cases?assignedTo=admin');
      expect(named.body.items.map((item: Summary) => item.dufNumber)).toEqual(paged);
      const karis = await call('caseworker', 'GET', '/api/cases?assignedTo=me');
      expect(karis.body.items.some((item: Summary) => mine.includes(item.dufNumber))).toBe(false);
    });

    it("shows a team's queue: its unassigned cases and a disabled holder's, marked holderDisabled", async () => {
      const queue = await listUntil(
        'caseworker',
        'team=registration&assignedTo=none&pageSize=100',
        (body) => dufsOf(body).includes(queued) && dufsOf(body).includes(livs),
      );
      expect(queue.items.find((item) => item.dufNumber === livs)).toMatchObject({
        assignedTo: LIV,
        team: 'registration',
        holderDisabled: true,
      });
      expect(queue.items.find((item) => item.dufNumber === queued)).toMatchObject({
        assignedTo: null,
        holderDisabled: false,
        lodgedAt: expect.any(String),
      });
      // Cases someone enabled holds are not in the queue; the team filter alone lists them.
      expect(dufsOf(queue).some((duf) => mine.includes(duf))).toBe(false);
      const team = await call('caseworker', 'GET', '/api/cases?team=registration&pageSize=100');
      expect(team.body.items.map((item: Summary) => item.dufNumber)).toEqual(expect.arrayContaining(mine));
    });

    it('counts the workload per person and per team for admins, and refuses everyone else', async () => {
      const workload = await call('admin', 'GET', '/api/stats/workload');
      expect(workload.status).toBe(200);
      const person = (username: string) =>
        workload.body.caseworkers.find((entry: { username: string }) => entry.username === username);
      expect(person('admin')).toEqual({ username: 'admin', role: 'admin', disabled: false, open: 3 });
      expect(person(LIV)).toEqual({ username: LIV, role: 'caseworker', disabled: true, open: 1 });
      // An auditor holds no cases, so is no one's workload.
      expect(person(TEST_USERS.auditor)).toBeUndefined();
      const registration = workload.body.teams.find(
        (entry: { team: string }) => entry.team === 'registration',
      );
      expect(registration.holderDisabled).toBe(1);
      expect(registration.unassigned).toBeGreaterThanOrEqual(1);
      expect(registration.open).toBeGreaterThanOrEqual(
        registration.unassigned + registration.holderDisabled + 3,
      );
      // The default configuration: the routed teams, in their order.
      expect(workload.body.teams.map((entry: { team: string }) => entry.team)).toEqual([...ROUTED_TEAMS]);
      expect((await call('caseworker', 'GET', '/api/stats/workload')).status).toBe(403);
      expect((await call('auditor', 'GET', '/api/stats/workload')).status).toBe(403);
    });

    it('describes the new routes and filters in the OpenAPI document', async () => {
      const docs = (await (await fetch(`${system.baseUrl}/api/docs`)).json()) as {
        paths: Record<string, Record<string, { parameters?: { name: string }[] }>>;
      };
      expect(Object.keys(docs.paths)).toEqual(
        expect.arrayContaining(['/api/teams', '/api/stats/workload', '/api/users/assignable']),
      );
      expect(docs.paths['/api/cases']?.get?.parameters?.map((parameter) => parameter.name)).toEqual(
        expect.arrayContaining(['assignedTo', 'team']),
      );
    });

    it('lists the configured teams for every role, the routed ones marked', async () => {
      const teams = await call('auditor', 'GET', '/api/teams');
      expect(teams.status).toBe(200);
      expect(teams.body.items[1]).toEqual({
        id: 'dublin-unit',
        name: { nb: 'Dublin-enheten', en: 'Dublin unit' },
        routed: true,
      });
      expect(teams.body.items).toHaveLength(6);
    });

    it('lists whom a case may be handed to: enabled caseworkers and admins, never an auditor or a disabled account', async () => {
      // ola (the fixture's disabled account) and liv (disabled above) hold cases but may be handed none.
      const expected = {
        items: [
          { username: TEST_USERS.admin, role: 'admin' },
          { username: TEST_USERS.caseworker, role: 'caseworker' },
          { username: PER, role: 'caseworker' },
        ],
      };
      expect(await call('caseworker', 'GET', '/api/users/assignable')).toEqual({
        status: 200,
        body: expected,
      });
      expect((await call('admin', 'GET', '/api/users/assignable')).body).toEqual(expected);
      expect((await call('auditor', 'GET', '/api/users/assignable')).status).toBe(403);
    });
  });
});
