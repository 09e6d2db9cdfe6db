import { PostgresPersonIndexStore } from './postgres-person-index';
import { startThrowawayPostgres, type ThrowawayPostgres } from './__fixtures__/throwaway-postgres';
import { personIndexStoreContract } from './__fixtures__/person-index-contract';

describe('the person index in PostgreSQL, on a real throwaway PostgreSQL server', () => {
  let postgres: ThrowawayPostgres;
  const opened: PostgresPersonIndexStore[] = [];
  const urls = new Map<PostgresPersonIndexStore, string>();

  beforeAll(async () => {
    postgres = await startThrowawayPostgres();
  }, 60_000);

  afterAll(async () => {
    for (const store of opened) await store.close();
    postgres?.stop();
  });

  personIndexStoreContract(
    async () => {
      const url = await postgres.freshDatabase('people');
      const store = new PostgresPersonIndexStore(url);
      opened.push(store);
      urls.set(store, url);
      return store;
    },
    async (store) => {
      const url = urls.get(store as PostgresPersonIndexStore) ?? '';
      // Every row of both tables as text: what the database's administrator reads.
      const tables = await Promise.all(
        ['saksflyt_person_index', 'saksflyt_person_searches'].map(async (table) =>
          JSON.stringify((await postgres.asAdmin(url, `SELECT * FROM ${table}`)).rows),
        ),
      );
      return tables.join('\n');
    },
  );
});
