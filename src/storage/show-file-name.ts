import { createHash } from 'node:crypto';

/**
 * The datafile name of a show: a show id may hold any character, so the name keeps the safe ones (to be
 * recognisable in a listing) and adds a hash of the whole id (to stay unique).
 */
export function showFileName(showId: string): string {
  const readable = showId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40);
  const hash = createHash('sha256').update(showId).digest('hex').slice(0, 12);
  return `${readable}-${hash}.db`;
}
