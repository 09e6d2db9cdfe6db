// The one place the admin UI talks HTTP: the routes of contract §2, with the shapes the API answers in.
import type {
  ApplicationLodged,
  CaseEvent,
  CaseNotices,
  CaseState,
  CaseStatus,
  CaseTrack,
  CommandName,
  ListedPolicyVersion,
  PolicyDraft,
  PolicyEffect,
  PolicyListing,
  PublishedPolicyVersion,
  RefusalParams,
  WorkItem,
} from './domain';

export type Role = 'caseworker' | 'auditor' | 'admin';

/**
 * The signed-in user as the UI knows them, from `POST /api/auth/login` or `GET /api/auth/session`. No access token:
 * the browser holds it in an HttpOnly cookie, out of reach of any script on the page; requests that change something
 * carry the CSRF token instead (docs/security.md, "The admin UI's session").
 */
export interface Session {
  role: Role;
  username: string;
  expiresAt: string;
  csrfToken: string;
}

/** The header a cookie-signed request that changes something carries its session's CSRF token in. */
export const CSRF_HEADER = 'X-CSRF-Token';
/** The error of a 403 for a missing or stale CSRF token: the session changed (a sign-in in another tab). */
export const CSRF_REFUSED = 'CsrfTokenInvalid';

export interface Health {
  temporal: string;
  worker: string;
  healthy: boolean;
  detail?: string;
}

/** One row of the case list, from Temporal's search attributes (no personal data); the API's `CaseSummary`. */
export interface CaseSummary {
  dufNumber: string;
  status: CaseStatus;
  track: CaseTrack;
  homeOblast: string;
  interviewPriority: boolean;
  nextDeadline: string | null;
  startedAt: string;
  closed: boolean;
  /** What the case waits for someone at UDI to do; empty for the cases of the first release. */
  workItems: string[];
  /** Who holds the case; null while it waits in its team's queue. */
  assignedTo: string | null;
  /** The team whose queue or caseworker has the case; null for cases from before work allocation. */
  team: string | null;
  /** When the application was lodged: the case's age counts from here; null for cases from before it was recorded. */
  lodgedAt: string | null;
  /** The holder's account is disabled: the case shows in its team's queue until someone moves it. */
  holderDisabled: boolean;
  /** The applicant's name from the person index (never from Temporal's visibility); null for a case it does not hold. */
  name?: string | null;
}

export interface Dashboard {
  byStatus: Record<CaseStatus, number>;
  byTrack: Record<CaseTrack, number>;
  /** How many cases wait for each work item. */
  byWorkItem: Record<WorkItem, number>;
  /** Individual cases whose last day for a Dublin request falls before `before` (the end of the 14th day ahead). */
  dublinRequestsDue: { before: string; count: number };
  /** Cases with a deadline in the next 14 days. */
  deadlinesDue: CaseSummary[];
  interviewPriorityQueue: CaseSummary[];
}

export interface CasePage {
  items: CaseSummary[];
  nextPageToken: string | null;
  /** How many cases the whole list holds. */
  total?: number;
  /** False when a list the API orders holds more than it read (or a person search matched more than it answers). */
  complete?: boolean;
}

export interface CaseFilter {
  status?: string;
  track?: string;
  homeOblast?: string;
  interviewPriority?: 'true' | 'false';
  /** An ISO date-time. */
  deadlineBefore?: string;
  workItem?: string;
  /** An ISO date-time: Dublin requests whose last day is before it. */
  dublinRequestDueBefore?: string;
  /** `me`, `none` (a team's queue) or a username. */
  assignedTo?: string;
  /** A person search: every word of the applicant's name (logged by the API with who searched). */
  name?: string;
  /** A person search: the applicant's date of birth, YYYY-MM-DD. */
  dateOfBirth?: string;
  /** `lodgedAt`, `nextDeadline`, `dufNumber` or `name`; `-` before it for descending. */
  sort?: string;
  /** A team's id. */
  team?: string;
}

/** A team of caseworkers with a queue of its own; `routed`: a team a case's status sends it to. */
export interface Team {
  id: string;
  name: { nb: string; en: string };
  routed: boolean;
}

/** What `GET /api/stats/workload` answers (admins): open cases per caseworker and per team. */
export interface Workload {
  caseworkers: { username: string; role: Role; disabled: boolean; open: number }[];
  teams: { team: string; open: number; unassigned: number; holderDisabled: number }[];
}

/** One of `GET /api/users/assignable` (caseworkers, admins): an enabled account a case may be handed to. */
export interface AssignableUser {
  username: string;
  role: Role;
}

export const AGE_BANDS = ['0-30', '31-90', '91-180', '181-365', 'over-365'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Days from lodging to a milestone, over the cases that reached it in the period; null where none did. */
export interface Durations {
  cases: number;
  medianDays: number | null;
  p90Days: number | null;
}

/** What `GET /api/stats/processing` answers: processing times, the backlog by age, and the flow per week. */
export interface ProcessingStats {
  asOf: string;
  weeks: number;
  tracks: { track: CaseTrack; toDecision: Durations; toClosing: Durations }[];
  openByAge: { band: AgeBand; cases: number }[];
  perWeek: { weekStart: string; lodged: number; decided: number; closed: number }[];
  sources?: Record<string, unknown>;
}

/** Where the API read a case's events from: the running workflow, or the archive once Temporal has let it go. */
export type RecordSource = 'temporal' | 'archive' | 'projection';

/** The header by which `GET /api/cases/:dufNumber/events` says it answered from the archive. */
export const SOURCE_HEADER = 'X-Saksflyt-Source';

export interface CaseEvents {
  events: CaseEvent[];
  source: RecordSource;
}

/** What `POST /api/audit/replay` answers: how many histories were replayed, and those that diverged. */
export interface ReplayReport {
  replayed: number;
  failed: { dufNumber: string; error: string }[];
}

/** What `GET /api/policy` answers (the domain's schema): every version, oldest first, and the one in force today. */
export type { ListedPolicyVersion, PolicyListing };

/** What `POST /api/policy/impact` answers: each open case a draft would treat differently, and how. */
export interface PolicyImpact {
  cases: { dufNumber: string; status: CaseStatus; effects: PolicyEffect[] }[];
}

export type ExportFormat = 'json' | 'pdf';

const EXPORT_TYPES: Record<ExportFormat, string> = { json: 'application/json', pdf: 'application/pdf' };

export interface Issue {
  path: (string | number)[];
  /** In English, for the logs; the UI says `code` in the reader's language (refusal-texts.ts). */
  message: string;
  code?: string;
  params?: RefusalParams;
}

/** Every error body of the API: `{ error, message, … }`. */
export interface ErrorBody {
  error: string;
  message?: string;
  issues?: Issue[];
  allowedCommands?: string[];
  /** A 409 for a case someone else holds (an assignment race lost): who holds it. */
  heldBy?: string;
  /** A 409 InvalidTransition: why not, by the domain's refusal code, with what it names. */
  code?: string;
  params?: RefusalParams;
  /** A 409 CaseExists: the case that exists. */
  dufNumber?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly retryAfterSeconds?: number,
  ) {
    super(body.message ?? `${body.error} (HTTP ${status})`);
    this.name = 'ApiError';
  }

  get issues(): Issue[] {
    return Array.isArray(this.body.issues) ? this.body.issues : [];
  }
}

export interface ApiOptions {
  /** The CSRF token of the signed-in session, if any: sent with every request that is not a GET. */
  csrfToken: () => string | undefined;
  /**
   * Called when a call that needs the session answers 401 (the session expired, was signed out or the account
   * changed) or refuses its CSRF token (another tab signed in anew).
   */
  onUnauthorized: (error: ApiError) => void;
  fetch?: typeof fetch;
  baseUrl?: string;
}

type Method = 'GET' | 'POST';

export class Api {
  constructor(private readonly options: ApiOptions) {}

  /** Signs in; the API sets the session cookie. The access token it also answers (for the CLI) is not kept. */
  async login(username: string, password: string): Promise<Session> {
    return sessionOf(await this.request<Session>('POST', '/api/auth/login', { username, password }, false));
  }

  /** Who this browser is signed in as, by its session cookie: how a new tab starts signed in. */
  async session(): Promise<Session | undefined> {
    const answer = await this.request<{ signedIn: boolean } & Partial<Session>>(
      'GET',
      '/api/auth/session',
      undefined,
      false,
    );
    return answer.signedIn ? sessionOf(answer as Session) : undefined;
  }

  /** Ends the cookie session in this browser (every tab of it), and the Temporal Web UI's codec session. */
  async logout(): Promise<void> {
    await this.request('POST', '/api/auth/logout', undefined, false);
  }

  health(): Promise<Health> {
    // 503 answers with the same body, saying which part is missing.
    return this.request<Health>('GET', '/api/health', undefined, false).catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 503) return error.body as unknown as Health;
      throw error;
    });
  }

  me(): Promise<{ username: string; role: Role }> {
    return this.request('GET', '/api/me');
  }

  dashboard(): Promise<Dashboard> {
    return this.request('GET', '/api/dashboard');
  }

  listCases(filter: CaseFilter, pageToken?: string, pageSize = 25): Promise<CasePage> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filter)) if (value) query.set(key, value);
    if (pageToken) query.set('pageToken', pageToken);
    query.set('pageSize', String(pageSize));
    return this.request('GET', `/api/cases?${query.toString()}`);
  }

  /** The configured teams (every role). */
  teams(): Promise<Team[]> {
    return this.request<{ items: Team[] }>('GET', '/api/teams').then((body) => body.items);
  }

  /** Whom a case may be handed to: the enabled caseworkers and admins (caseworkers, admins). */
  assignableUsers(): Promise<AssignableUser[]> {
    return this.request<{ items: AssignableUser[] }>('GET', '/api/users/assignable').then(
      (body) => body.items,
    );
  }

  /** Open cases per caseworker and per team (admins). */
  workload(): Promise<Workload> {
    return this.request('GET', '/api/stats/workload');
  }

  /** Processing times and backlog over the last `weeks` weeks. */
  processingStats(weeks = 26): Promise<ProcessingStats> {
    return this.request('GET', `/api/stats/processing?weeks=${weeks}`);
  }

  createCase(application: ApplicationLodged): Promise<CaseState> {
    return this.request('POST', '/api/cases', application);
  }

  getCase(dufNumber: string): Promise<CaseState> {
    return this.request('GET', `/api/cases/${encodeURIComponent(dufNumber)}`);
  }

  /** The payload without `actor`: the API sets it from the token. */
  sendCommand(dufNumber: string, command: CommandName, payload: Record<string, unknown>): Promise<CaseState> {
    return this.request(
      'POST',
      `/api/cases/${encodeURIComponent(dufNumber)}/commands/${encodeURIComponent(command)}`,
      payload,
    );
  }

  events(dufNumber: string): Promise<CaseEvent[]> {
    return this.caseEvents(dufNumber).then(({ events }) => events);
  }

  /** The events, oldest first, and whether they came from Temporal or from the archive (a case Temporal let go). */
  async caseEvents(dufNumber: string): Promise<CaseEvents> {
    const response = await this.send('GET', `/api/cases/${encodeURIComponent(dufNumber)}/events`);
    const body = await readJson(response);
    const events = Array.isArray(body) ? (body as CaseEvent[]) : [];
    const source =
      response.headers.get(SOURCE_HEADER)?.trim().toLowerCase() === 'archive' ? 'archive' : 'temporal';
    return { events, source };
  }

  /** What the applicant was told: each notice with its delivery and its messages' texts. */
  caseMessages(dufNumber: string): Promise<CaseNotices> {
    return this.request('GET', `/api/cases/${encodeURIComponent(dufNumber)}/messages`);
  }

  /** Replays the cases' Temporal histories against today's workflow code (auditor, admin). */
  replay(dufNumbers: string[]): Promise<ReplayReport> {
    return this.request('POST', '/api/audit/replay', { dufNumbers });
  }

  /** The whole record of a case as a file (JSON, or the PDF case file in the UI's language), with the session cookie. */
  async exportCase(dufNumber: string, format: ExportFormat, lang: 'nb' | 'en' = 'nb'): Promise<Blob> {
    const query = new URLSearchParams(format === 'pdf' ? { format, lang } : { format });
    const response = await this.send(
      'GET',
      `/api/cases/${encodeURIComponent(dufNumber)}/export?${query.toString()}`,
      undefined,
      true,
      EXPORT_TYPES[format],
    );
    return response.blob();
  }

  /** The policy versions, oldest first, and the one in force (every role). */
  policy(): Promise<PolicyListing> {
    return this.request('GET', '/api/policy');
  }

  /** The open cases a draft would treat differently, each judged again from its own history (every role). */
  policyImpact(draft: PolicyDraft): Promise<PolicyImpact> {
    return this.request('POST', '/api/policy/impact', draft);
  }

  /** Publishes a draft as a new version, with the cases its impact touches listed for review (admins). */
  publishPolicyVersion(draft: PolicyDraft): Promise<PublishedPolicyVersion> {
    return this.request('POST', '/api/policy/versions', draft);
  }

  /** The state as it stood after event `asOf` (a sequence number) or at an ISO date-time. */
  stateAsOf(dufNumber: string, asOf: number | string): Promise<CaseState> {
    const query = new URLSearchParams({ asOf: String(asOf) });
    return this.request('GET', `/api/cases/${encodeURIComponent(dufNumber)}/state?${query.toString()}`);
  }

  private async request<T>(method: Method, path: string, body?: unknown, authenticated = true): Promise<T> {
    return (await readJson(await this.send(method, path, body, authenticated))) as T;
  }

  /**
   * Sends a request with the session cookie (and the CSRF token unless it is a GET); answers the response when it is
   * OK, else throws its ApiError, and signs out when a call that needs the session finds it gone.
   */
  private async send(
    method: Method,
    path: string,
    body?: unknown,
    authenticated = true,
    accept = 'application/json',
  ): Promise<Response> {
    const headers: Record<string, string> = { Accept: accept };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const csrfToken = method === 'GET' ? undefined : this.options.csrfToken();
    if (csrfToken) headers[CSRF_HEADER] = csrfToken;
    const doFetch = this.options.fetch ?? globalThis.fetch.bind(globalThis);
    const response = await doFetch(`${this.options.baseUrl ?? ''}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.ok) return response;
    const parsed = await readJson(response);
    const errorBody: ErrorBody =
      typeof parsed === 'object' && parsed !== null && typeof (parsed as ErrorBody).error === 'string'
        ? (parsed as ErrorBody)
        : { error: `HTTP ${response.status}`, message: response.statusText || undefined };
    const retryAfter = Number(response.headers.get('Retry-After'));
    const error = new ApiError(
      response.status,
      errorBody,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    );
    const sessionGone =
      response.status === 401 || (response.status === 403 && errorBody.error === CSRF_REFUSED);
    if (sessionGone && authenticated) this.options.onUnauthorized(error);
    throw error;
  }
}

/** Only what the UI keeps of an answer: never an access token, should one come with it. */
function sessionOf({ username, role, expiresAt, csrfToken }: Session): Session {
  return { username, role, expiresAt, csrfToken };
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
