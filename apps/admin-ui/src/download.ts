// Saving a file the app fetched itself (with the bearer token, so no plain link can do it).
import type { ExportFormat } from './api';

/** The name an exported case is saved under. */
export const exportFileName = (dufNumber: string, format: ExportFormat): string =>
  `case-${dufNumber}.${format}`;

/** How long the object URL outlives the click: revoking it at once can cancel the download in some browsers. */
const REVOKE_AFTER_MS = 60_000;

/** Hands a blob to the browser as a download named `fileName`. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
