import type { ApplicationLodged } from '@saksflyt/domain';

/**
 * What the person index needs of the key ring (issue 15, point 8): keyed hashes ("blind" tokens) under each of its
 * keys, and names sealed as every payload is. `PersonIndexCipher` of `@saksflyt/temporal` is the one the processes
 * use; it derives the hashing keys from the payload key ring with a label of their own.
 */
export interface PersonIndexCipher {
  /** The key new entries are blinded with. */
  readonly currentKeyId: string;
  /** Every key a stored entry may have been blinded with: a search asks under each, so a rotation loses no entry. */
  readonly keyIds: readonly string[];
  /** HMAC-SHA-256 of `value` under the key `keyId`, as hex. */
  blind(value: string, keyId: string): string;
  seal(text: string): Promise<string>;
  open(sealed: string): Promise<string>;
}

/** One case in the index: blind tokens of the name and the birth date, the name itself only sealed. */
export interface PersonIndexEntry {
  dufNumber: string;
  lodgedAt: string;
  /** The key the tokens were blinded with. */
  keyId: string;
  nameTokens: string[];
  dateOfBirth: string;
  sealedName: string;
}

/** A search in blind form: the same tokens under each key of the ring. All given criteria must match. */
export interface BlindSearch {
  underKeys: { keyId: string; nameTokens: string[]; dateOfBirth?: string }[];
}

/** One search as the log keeps it: who, when, the criteria blinded (to match) and sealed (to read), how many found. */
export interface PersonSearchLogEntry {
  at: string;
  actor: { username: string; role: string };
  keyId: string;
  nameTokens: string[];
  dateOfBirth?: string;
  sealedCriteria: string;
  results: number;
}

/**
 * Where the index is kept: the small interface a read-side projection (issue 17) can take over. A file in the
 * embedded default (`FilePersonIndexStore`), PostgreSQL beside the archive in production (`PostgresPersonIndexStore`).
 */
export interface PersonIndexStore {
  /** Adds the entry, or replaces the one of its DUF number. */
  put(entry: PersonIndexEntry): Promise<void>;
  /** The entries matching the search, up to `limit` (lodged newest first). */
  find(search: BlindSearch, limit: number): Promise<PersonIndexEntry[]>;
  /** The entries of these cases, where there are any. */
  entriesOf(dufNumbers: readonly string[]): Promise<PersonIndexEntry[]>;
  logSearch(entry: PersonSearchLogEntry): Promise<void>;
  /** The search log, oldest first. */
  searchLog(): Promise<PersonSearchLogEntry[]>;
  close(): Promise<void>;
}

/** A search as a caseworker asks it: a name (every token must match), a birth date, or both. */
export interface PersonQuery {
  name?: string;
  dateOfBirth?: string;
}

export interface LoggedPersonSearch {
  at: string;
  actor: { username: string; role: string };
  criteria: PersonQuery;
  results: number;
}

/**
 * Letters that NFKD leaves whole although a caseworker types them without the mark: Norwegian ø and æ, and their
 * kin in the names UDI sees. The rest (á, å, č, й, …) lose their marks by NFKD.
 */
const UNDECOMPOSED: Record<string, string> = {
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  đ: 'd',
  ł: 'l',
  ı: 'i',
  þ: 'th',
  ð: 'd',
};

/**
 * The tokens a name is indexed and searched by: lower-case, without diacritics (NFKD with its marks dropped, and the
 * letters of `UNDECOMPOSED` folded), apostrophes dropped ("O'Brien" is "obrien"), split on spaces, hyphens and any
 * other punctuation, each token once. A blind index can only match whole tokens: "Kova" does not find "Kovalenko".
 */
export function normalisedNameTokens(name: string): string[] {
  const folded = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[øæœßđłıþð]/g, (letter) => UNDECOMPOSED[letter] ?? letter)
    .replace(/['’ʼ`´]/g, '');
  const tokens = folded.split(/[^\p{L}\p{N}]+/u).filter((token) => token.length > 0);
  return [...new Set(tokens)];
}

/** Tokens are blinded with a prefix per kind, so a name token can never equal a birth date's. */
const blindName = (cipher: PersonIndexCipher, token: string, keyId: string) =>
  cipher.blind(`name:${token}`, keyId);
const blindDate = (cipher: PersonIndexCipher, date: string, keyId: string) =>
  cipher.blind(`dob:${date}`, keyId);

export class PersonSearchError extends Error {
  override readonly name = 'PersonSearchError';
  constructor(
    readonly field: 'name' | 'dateOfBirth',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Finds a case by the applicant's name or date of birth without either leaving the process in clear: the store holds
 * keyed hashes of the name's tokens and of the birth date, and the name sealed with the payload key ring (so a list
 * can show it without asking the workflow). Whoever reads the store without the key ring learns which cases share a
 * name token or a birth date, never the name or the date (docs/security.md).
 */
export class PersonIndex {
  constructor(
    private readonly store: PersonIndexStore,
    private readonly cipher: PersonIndexCipher,
  ) {}

  async entryOf(application: Pick<ApplicationLodged, 'dufNumber' | 'lodgedAt' | 'applicant'>) {
    const keyId = this.cipher.currentKeyId;
    const { fullName, dateOfBirth } = application.applicant;
    return {
      dufNumber: application.dufNumber,
      lodgedAt: application.lodgedAt,
      keyId,
      nameTokens: normalisedNameTokens(fullName).map((token) => blindName(this.cipher, token, keyId)),
      dateOfBirth: blindDate(this.cipher, dateOfBirth, keyId),
      sealedName: await this.cipher.seal(fullName),
    } satisfies PersonIndexEntry;
  }

  async index(application: Pick<ApplicationLodged, 'dufNumber' | 'lodgedAt' | 'applicant'>): Promise<void> {
    await this.store.put(await this.entryOf(application));
  }

  /** The DUF numbers of the cases matching every criterion given, newest lodged first, up to `limit`. */
  async search(query: PersonQuery, limit: number): Promise<string[]> {
    const found = await this.store.find(this.blindSearch(query), limit);
    return found.map((entry) => entry.dufNumber);
  }

  /** The applicants' names of those cases the index holds. */
  async namesOf(dufNumbers: readonly string[]): Promise<Map<string, string>> {
    if (dufNumbers.length === 0) return new Map();
    const entries = await this.store.entriesOf(dufNumbers);
    return new Map(
      await Promise.all(
        entries.map(async (entry) => [entry.dufNumber, await this.cipher.open(entry.sealedName)] as const),
      ),
    );
  }

  /** Logs who searched for what: the criteria blinded under the current key (to match) and sealed (to read). */
  async logSearch(
    actor: { username: string; role: string },
    query: PersonQuery,
    results: number,
    at = new Date(),
  ): Promise<void> {
    const current = this.blindSearch(query).underKeys.find(
      (under) => under.keyId === this.cipher.currentKeyId,
    );
    await this.store.logSearch({
      at: at.toISOString(),
      actor: { username: actor.username, role: actor.role },
      keyId: this.cipher.currentKeyId,
      nameTokens: current?.nameTokens ?? [],
      ...(current?.dateOfBirth ? { dateOfBirth: current.dateOfBirth } : {}),
      sealedCriteria: await this.cipher.seal(JSON.stringify(query)),
      results,
    });
  }

  /** The search log with its criteria opened, for auditors. */
  async searchLog(): Promise<LoggedPersonSearch[]> {
    const log = await this.store.searchLog();
    return Promise.all(
      log.map(async (entry) => ({
        at: entry.at,
        actor: entry.actor,
        criteria: JSON.parse(await this.cipher.open(entry.sealedCriteria)) as PersonQuery,
        results: entry.results,
      })),
    );
  }

  close(): Promise<void> {
    return this.store.close();
  }

  private blindSearch(query: PersonQuery): BlindSearch {
    const tokens = query.name === undefined ? [] : normalisedNameTokens(query.name);
    if (query.name !== undefined && tokens.length === 0)
      throw new PersonSearchError('name', 'a name to search for has at least one letter or digit');
    if (tokens.length === 0 && query.dateOfBirth === undefined)
      throw new PersonSearchError('name', 'give a name, a date of birth, or both');
    return {
      underKeys: this.cipher.keyIds.map((keyId) => ({
        keyId,
        nameTokens: tokens.map((token) => blindName(this.cipher, token, keyId)),
        ...(query.dateOfBirth === undefined
          ? {}
          : { dateOfBirth: blindDate(this.cipher, query.dateOfBirth, keyId) }),
      })),
    };
  }
}

/** Whether an entry matches a blind search: under its own key, every name token and the birth date if asked. */
export function matchesBlindSearch(entry: PersonIndexEntry, search: BlindSearch): boolean {
  const under = search.underKeys.find((candidate) => candidate.keyId === entry.keyId);
  if (!under) return false;
  if (under.dateOfBirth !== undefined && entry.dateOfBirth !== under.dateOfBirth) return false;
  return under.nameTokens.every((token) => entry.nameTokens.includes(token));
}
