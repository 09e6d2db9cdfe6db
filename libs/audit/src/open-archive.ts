import path from 'node:path';
import type { CaseArchive } from './archive';
import { FileCaseArchive } from './file-archive';
import { PostgresCaseArchive } from './postgres-archive';

/** `SAKSFLYT_ARCHIVE_URL`: unset, the embedded file archive under the data folder; `postgres://…`, PostgreSQL. */
export function openArchive(dataDir: string, archiveUrl?: string): CaseArchive {
  if (archiveUrl && /^postgres(ql)?:\/\//.test(archiveUrl)) return new PostgresCaseArchive(archiveUrl);
  return new FileCaseArchive(archiveUrl ?? path.join(dataDir, 'archive'));
}
