/**
 * The request context IAM evaluates conditions against: condition keys and their values.
 * Key names are case-insensitive in IAM ("IAM JSON policy elements: Condition": "Condition key
 * names are not case-sensitive"), values keep their case. A key holds one string or, for a
 * multivalued key (`aws:TagKeys`, `s3:...` lists), several.
 */

export type ContextValue = string | string[];

export class RequestContext {
  private readonly values = new Map<string, ContextValue>();

  constructor(entries: Record<string, ContextValue | boolean | number | undefined> = {}) {
    for (const [key, value] of Object.entries(entries)) this.set(key, value);
  }

  /** Sets a key; undefined removes it (the key is then absent from the request). */
  set(key: string, value: ContextValue | boolean | number | undefined): this {
    const k = key.toLowerCase();
    if (value === undefined) this.values.delete(k);
    else this.values.set(k, Array.isArray(value) ? value.map(String) : String(value));
    return this;
  }

  get(key: string): ContextValue | undefined {
    return this.values.get(key.toLowerCase());
  }

  has(key: string): boolean {
    return this.values.has(key.toLowerCase());
  }

  /** A copy with more keys (the request's own keys win over nothing; later ones override). */
  with(entries: Record<string, ContextValue | boolean | number | undefined>): RequestContext {
    const copy = new RequestContext();
    for (const [k, v] of this.values) copy.values.set(k, v);
    for (const [k, v] of Object.entries(entries)) copy.set(k, v);
    return copy;
  }

  toJSON(): Record<string, ContextValue> {
    return Object.fromEntries(this.values);
  }
}
