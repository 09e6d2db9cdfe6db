import path from 'node:path';
import type { ArchiveKeys, CaseArchive } from './archive';
import { FileCaseArchive } from './file-archive';
import { PostgresCaseArchive } from './postgres-archive';
import { FilePersonIndexStore } from './file-person-index';
import { PersonIndex, type PersonIndexCipher } from './person-index';
import { PostgresPersonIndexStore } from './postgres-person-index';

/** The folder a file archive keeps its chain in: `SAKSFLYT_ARCHIVE_URL` if it is a folder, else `<dataDir>/archive`. */
export function archiveFolder(dataDir: string, archiveUrl?: string): string | undefined {
  if (archiveUrl && /^postgres(ql)?:\/\//.test(archiveUrl)) return undefined;
  return archiveUrl ?? path.join(dataDir, 'archive');
}

/**
 * `SAKSFLYT_ARCHIVE_URL`: unset, the embedded file archive under the data folder; `postgres://…`, PostgreSQL. The
 * archive keys (`openArchiveKeys` in `@saksflyt/temporal`) key new records and check every record read.
 */
export function openArchive(dataDir: string, archiveUrl: string | undefined, keys: ArchiveKeys): CaseArchive {
  const folder = archiveFolder(dataDir, archiveUrl);
  if (folder === undefined && archiveUrl) return new PostgresCaseArchive(archiveUrl, keys);
  return new FileCaseArchive(folder ?? path.join(dataDir, 'archive'), keys);
}

/**
 * The person index beside the archive: in the archive's PostgreSQL database when `SAKSFLYT_ARCHIVE_URL` is one, else
 * in the data folder (never in the archive folder, which holds evidence only).
 */
export function openPersonIndex(
  dataDir: string,
  archiveUrl: string | undefined,
  cipher: PersonIndexCipher,
): PersonIndex {
  const store =
    archiveFolder(dataDir, archiveUrl) === undefined && archiveUrl
      ? new PostgresPersonIndexStore(archiveUrl)
      : new FilePersonIndexStore(dataDir);
  return new PersonIndex(store, cipher);
}
