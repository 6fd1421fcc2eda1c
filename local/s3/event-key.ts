/**
 * Object keys as S3 writes them into event notifications.
 *
 * AWS documents only that "the object key name value is URL encoded" ("red flower.jpg" becomes
 * "red+flower.jpg"). Observed notifications follow Java's `URLEncoder` (application/x-www-form-
 * urlencoded over UTF-8): letters, digits and `.-*_` stay, space becomes `+`, every other byte is
 * `%XX` with upper-case hex (`+` -> `%2B`, `=` -> `%3D`, `:` -> `%3A`, `é` -> `%C3%A9`), except that
 * `/` is left as is. Consumers must decode with form semantics (`+` means space), which is the
 * classic trap: `decodeURIComponent` alone turns `my+file` into `my+file`, not `my file`.
 */

/** Characters that S3 leaves unescaped in event keys (besides `/`). */
const UNESCAPED = /[A-Za-z0-9.\-*_/]/;

/** Encodes an object key the way S3 event notifications carry it. */
export function encodeS3EventKey(key: string): string {
  let out = '';
  for (const char of key) {
    if (char === ' ') {
      out += '+';
    } else if (UNESCAPED.test(char)) {
      out += char;
    } else {
      for (const byte of Buffer.from(char, 'utf8')) {
        out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
      }
    }
  }
  return out;
}

/** Raised when an event key holds a malformed percent escape. */
export class InvalidEventKeyError extends Error {
  constructor(encoded: string, options?: { cause?: unknown }) {
    super(`S3 event key is not valid form-urlencoded UTF-8: ${JSON.stringify(encoded)}`, options);
    this.name = 'InvalidEventKeyError';
  }
}

/** Decodes a key taken from an S3 event record back to the object key (`+` is a space). */
export function decodeS3EventKey(encoded: string): string {
  try {
    return decodeURIComponent(encoded.replace(/\+/g, ' '));
  } catch (cause) {
    throw new InvalidEventKeyError(encoded, { cause });
  }
}
