/**
 * The decision for one request within one account, in the order of the IAM User Guide's
 * "Policy evaluation logic" and "Determining whether a request is allowed or denied within an
 * account": (1) an explicit Deny in any applicable policy wins; (2) otherwise an Allow in an
 * identity-based policy or in the resource-based policy allows; (3) otherwise the request is
 * implicitly denied. SCPs, RCPs, permissions boundaries and session policies are not evaluated
 * (docs/local-fidelity.md, IAM).
 */
import { conditionHolds } from './conditions';
import { actionMatches, literalAwareMatch, substituteVariables, UNRESOLVED } from './matching';
import type { NormalizedStatement } from './policy';
import { type CallerPrincipal, principalMatches } from './principal';
import type { RequestContext } from './request-context';

export type PolicyType = 'identity-based' | 'resource-based';

export interface EvaluationRequest {
  principal: CallerPrincipal;
  /** `service:Action` as IAM names it. */
  action: string;
  /** The resource ARN; `*` for actions that take no resource. */
  resource: string;
  context: RequestContext;
}

export interface PolicySet {
  identity: NormalizedStatement[];
  /** The resource's policy (bucket, queue, role trust policy); empty when it has none. */
  resource: NormalizedStatement[];
}

export type Decision =
  | { result: 'Allow'; policyType: PolicyType; statement: NormalizedStatement }
  | { result: 'ExplicitDeny'; policyType: PolicyType; statement: NormalizedStatement }
  | { result: 'ImplicitDeny' };

/** A statement's actions, split once into exact names (lower case) and wildcard patterns. */
interface ActionMatcher {
  exact: Set<string>;
  patterns: string[];
}

const actionMatchers = new WeakMap<NormalizedStatement, ActionMatcher>();

function actionMatcher(s: NormalizedStatement): ActionMatcher {
  let m = actionMatchers.get(s);
  if (!m) {
    const wild = (a: string) => a.includes('*') || a.includes('?');
    m = {
      exact: new Set(s.actions.filter((a) => !wild(a)).map((a) => a.toLowerCase())),
      patterns: s.actions.filter(wild),
    };
    actionMatchers.set(s, m);
  }
  return m;
}

function actionApplies(s: NormalizedStatement, action: string): boolean {
  const m = actionMatcher(s);
  const any = m.exact.has(action.toLowerCase()) || m.patterns.some((p) => actionMatches(p, action));
  return s.notAction ? !any : any;
}

function resourceApplies(s: NormalizedStatement, req: EvaluationRequest): boolean {
  // No Resource element: a trust policy, whose resource is the role it is attached to.
  if (!s.resources) return true;
  const any = s.resources.some((pattern) => {
    const p = s.variables ? substituteVariables(pattern, req.context) : pattern;
    return p !== UNRESOLVED && literalAwareMatch(p, req.resource);
  });
  return s.notResource ? !any : any;
}

/** For a resource-based statement: whether it names the caller, and whether only by account. */
function principalApplies(s: NormalizedStatement, caller: CallerPrincipal): { applies: boolean; viaAccount: boolean } {
  if (!s.principals) return { applies: false, viaAccount: false };
  const m = principalMatches(s.principals, caller);
  // NotPrincipal applies to everyone it does not name (the account form names all its members).
  if (s.notPrincipal) return { applies: !m.matches, viaAccount: false };
  return { applies: m.matches, viaAccount: m.viaAccount };
}

/** Whether the statement applies to the request (all of its elements match). */
export function statementApplies(s: NormalizedStatement, req: EvaluationRequest): boolean {
  return (
    actionApplies(s, req.action) && resourceApplies(s, req) && conditionHolds(s.condition, req.context, s.variables)
  );
}

/** Evaluates identity and resource policies for one same-account request. */
export function evaluate(policies: PolicySet, req: EvaluationRequest): Decision {
  let allow: Decision | undefined;
  for (const s of policies.identity) {
    if (!statementApplies(s, req)) continue;
    if (s.effect === 'Deny') return { result: 'ExplicitDeny', policyType: 'identity-based', statement: s };
    allow ??= { result: 'Allow', policyType: 'identity-based', statement: s };
  }
  for (const s of policies.resource) {
    const who = principalApplies(s, req.principal);
    if (!who.applies || !statementApplies(s, req)) continue;
    if (s.effect === 'Deny') return { result: 'ExplicitDeny', policyType: 'resource-based', statement: s };
    if (!who.viaAccount) allow ??= { result: 'Allow', policyType: 'resource-based', statement: s };
  }
  return allow ?? { result: 'ImplicitDeny' };
}
