/**
 * What the server's main thread needs of the workshop export without loading it (PDF, Word,
 * images render on worker threads; see `render-pool.ts`): the error for a workshop that is gone,
 * and file names.
 */
export class NoSuchWorkshop extends Error {}

/** A file name from a title: kept readable (æøå too), without characters file systems refuse. */
export function fileStem(title: string): string {
  const clean = title
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);
  return clean || 'torg';
}
