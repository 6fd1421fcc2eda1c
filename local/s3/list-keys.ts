/**
 * The listing rules of ListObjects (v1 and v2) over a sorted key index: prefix, start-after /
 * marker, delimiter roll-up into common prefixes, and max-keys counting both.
 */
import { compareUtf8, type SortedKeys } from './sorted-keys';

export interface ListOptions {
  prefix?: string;
  delimiter?: string;
  /** Default 1000 (S3 never returns more per page). */
  maxKeys?: number;
  /** Return keys strictly after this one (v1 `marker`, v2 `start-after` or continuation). */
  startAfter?: string;
}

export interface KeyPage {
  keys: string[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** Last key or common prefix of this page: where the next page starts after. */
  nextMarker?: string;
}

export type ListResult<T> = Omit<KeyPage, 'keys'> & { objects: T[] };

export const MAX_KEYS_PER_PAGE = 1000;

/** Computes one listing page; cost is a binary search plus the page (common prefixes are skipped by seek). */
export function listKeys(index: SortedKeys, options: ListOptions): KeyPage {
  const prefix = options.prefix ?? '';
  const delimiter = options.delimiter || undefined;
  const maxKeys = Math.min(Math.max(options.maxKeys ?? MAX_KEYS_PER_PAGE, 0), MAX_KEYS_PER_PAGE);
  const startAfter = options.startAfter || undefined;
  const page: KeyPage = { keys: [], commonPrefixes: [], isTruncated: false };
  const keys = index.view();
  let i =
    startAfter !== undefined && compareUtf8(startAfter, prefix) >= 0
      ? index.lowerBound(startAfter, true)
      : index.lowerBound(prefix);
  while (i < keys.length) {
    const key = keys[i];
    if (!key.startsWith(prefix)) break;
    const at = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
    const entry = at >= 0 ? key.slice(0, at + (delimiter as string).length) : key;
    // A continuation that ended on a common prefix must not return it (or its keys) again.
    if (at >= 0 && entry === startAfter) {
      i = index.afterPrefix(entry);
      continue;
    }
    if (page.keys.length + page.commonPrefixes.length >= maxKeys) {
      page.isTruncated = true;
      break;
    }
    if (at >= 0) {
      page.commonPrefixes.push(entry);
      i = index.afterPrefix(entry);
    } else {
      page.keys.push(key);
      i += 1;
    }
    page.nextMarker = entry;
  }
  return page;
}
