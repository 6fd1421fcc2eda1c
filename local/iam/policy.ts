/**
 * IAM policy documents as this module reads them: the JSON grammar of the IAM User Guide
 * ("IAM JSON policy element reference"), normalized once so evaluation never re-checks shapes.
 * A malformed document fails here, by name, as IAM itself rejects it when the policy is
 * created (MalformedPolicyDocument), rather than silently matching nothing at request time.
 */

export type Effect = 'Allow' | 'Deny';

/** `{ "AWS": [...], "Service": [...], "Federated": [...] }`, or `"*"`. */
export type PrincipalBlock = '*' | Record<string, string | string[]>;

/** One statement as written (either form of each element). */
export interface PolicyStatement {
  Sid?: string;
  Effect: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Principal?: PrincipalBlock;
  NotPrincipal?: PrincipalBlock;
  Condition?: Record<string, Record<string, unknown>>;
}

export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: PolicyStatement | PolicyStatement[];
}

/** A policy with the place it came from, for denial messages and debugging. */
export interface SourcedPolicy {
  /** e.g. `WarehouseRole/warehouse` or `IngestQueuePolicy`. */
  source: string;
  document: PolicyDocument;
}

/** Principals of a statement: `'*'` or the values per principal type (lists). */
export type NormalizedPrincipals = '*' | Record<string, string[]>;

/** A statement ready to evaluate: every element a list, the negated forms flagged. */
export interface NormalizedStatement {
  source: string;
  sid?: string;
  effect: Effect;
  actions: string[];
  notAction: boolean;
  /** undefined: no Resource element (trust policies, which name no resource). */
  resources?: string[];
  notResource: boolean;
  principals?: NormalizedPrincipals;
  notPrincipal: boolean;
  condition: Record<string, Record<string, string[]>>;
  /** Policy variables are substituted only in 2012-10-17 policies (IAM User Guide, "Version"). */
  variables: boolean;
}

/** The document breaks the IAM policy grammar (IAM: MalformedPolicyDocument). */
export class MalformedPolicyDocumentError extends Error {
  constructor(
    readonly source: string,
    reason: string,
  ) {
    super(`MalformedPolicyDocument in ${source}: ${reason}`);
    this.name = 'MalformedPolicyDocumentError';
  }
}

const list = (value: unknown): string[] =>
  value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((v) => String(v));

function principals(source: string, block: unknown): NormalizedPrincipals {
  if (block === '*') return '*';
  if (!block || typeof block !== 'object' || Array.isArray(block)) {
    throw new MalformedPolicyDocumentError(source, 'Principal must be "*" or an object of principal types');
  }
  return Object.fromEntries(Object.entries(block).map(([type, v]) => [type, list(v)]));
}

/** Condition values are strings in IAM (booleans and numbers are compared as their text). */
function conditionBlock(source: string, block: unknown): Record<string, Record<string, string[]>> {
  if (block === undefined) return {};
  if (!block || typeof block !== 'object' || Array.isArray(block)) {
    throw new MalformedPolicyDocumentError(source, 'Condition must be an object of operators');
  }
  const out: Record<string, Record<string, string[]>> = {};
  for (const [operator, keys] of Object.entries(block)) {
    if (!keys || typeof keys !== 'object' || Array.isArray(keys)) {
      throw new MalformedPolicyDocumentError(source, `Condition operator ${operator} must map keys to values`);
    }
    out[operator] = Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, list(v)]));
  }
  return out;
}

function exactlyOne(source: string, a: unknown, b: unknown, names: string): void {
  if ((a === undefined) === (b === undefined)) {
    throw new MalformedPolicyDocumentError(source, `a statement needs exactly one of ${names}`);
  }
}

/** Normalizes every statement of a policy; throws MalformedPolicyDocumentError on bad grammar. */
export function normalizePolicy(policy: SourcedPolicy): NormalizedStatement[] {
  const { source, document } = policy;
  if (!document || typeof document !== 'object' || document.Statement === undefined) {
    throw new MalformedPolicyDocumentError(source, 'the document has no Statement');
  }
  const variables = document.Version === '2012-10-17';
  const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  return statements.map((s) => {
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') {
      throw new MalformedPolicyDocumentError(source, `Effect must be Allow or Deny, not ${String(s.Effect)}`);
    }
    exactlyOne(source, s.Action, s.NotAction, 'Action / NotAction');
    if (s.Resource !== undefined && s.NotResource !== undefined) {
      throw new MalformedPolicyDocumentError(source, 'a statement cannot have both Resource and NotResource');
    }
    if (s.Principal !== undefined && s.NotPrincipal !== undefined) {
      throw new MalformedPolicyDocumentError(source, 'a statement cannot have both Principal and NotPrincipal');
    }
    const resourceValue = s.Resource ?? s.NotResource;
    const principalValue = s.Principal ?? s.NotPrincipal;
    return {
      source,
      sid: s.Sid,
      effect: s.Effect,
      actions: list(s.Action ?? s.NotAction),
      notAction: s.NotAction !== undefined,
      resources: resourceValue === undefined ? undefined : list(resourceValue),
      notResource: s.NotResource !== undefined,
      principals: principalValue === undefined ? undefined : principals(source, principalValue),
      notPrincipal: s.NotPrincipal !== undefined,
      condition: conditionBlock(source, s.Condition),
      variables,
    };
  });
}
