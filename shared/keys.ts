import { type Compression, type DatasetName, datasetSpecs } from './datasets';

/**
 * Decodes an object key as S3 writes it in event notifications: form-urlencoded, so '+' is a
 * space and everything else is percent-encoded UTF-8. Throws URIError on a malformed escape.
 */
export function decodeEventKey(encoded: string): string {
  return decodeURIComponent(encoded.replace(/\+/g, ' '));
}

export interface RoutedKey {
  dataset: DatasetName;
  compression: Compression;
}

/**
 * Which dataset a key belongs to, or null for anything that is not a data file: folder markers,
 * manifests, the JSONPaths file, quarantined copies, other suffixes.
 */
export function routeKey(key: string): RoutedKey | null {
  for (const spec of datasetSpecs()) {
    if (!key.startsWith(spec.prefix) || key.endsWith('/')) continue;
    // Longest suffix first so '.json.gz' is not taken for something else.
    const match = [...spec.suffixes]
      .sort((a, b) => b.suffix.length - a.suffix.length)
      .find((s) => key.endsWith(s.suffix) && key.length > spec.prefix.length + s.suffix.length);
    return match ? { dataset: spec.name, compression: match.compression } : null;
  }
  return null;
}

/** ETags arrive quoted from S3 listings and unquoted in events; the ledger keeps them bare. */
export function normalizeEtag(etag: string): string {
  return etag.replace(/^"|"$/g, '');
}
