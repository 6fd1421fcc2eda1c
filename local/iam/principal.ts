/**
 * Who makes a request, and whether a policy's Principal element names them. Sources: IAM User
 * Guide, "AWS JSON policy elements: Principal" (role, role session, account and service
 * principals; `"*"`), and "IAM identifiers" (the `assumed-role` ARN of a session).
 */
import type { NormalizedPrincipals } from './policy';

export type PrincipalType = 'AssumedRole' | 'User' | 'Account' | 'Service';

export interface CallerPrincipal {
  type: PrincipalType;
  /** The ARN AWS names in a denial: `arn:aws:sts::<acct>:assumed-role/<role>/<session>`, ... */
  arn: string;
  accountId: string;
  /** AssumedRole: the role's own ARN (`arn:aws:iam::<acct>:role/<path><name>`). */
  roleArn?: string;
  roleName?: string;
  sessionName?: string;
  /** User: the user name (`${aws:username}`). */
  userName?: string;
  /** Service: `s3.amazonaws.com`, `states.amazonaws.com`, ... */
  service?: string;
}

/** The session principal of a role (IAM identifiers: "assumed-role" ARNs carry no role path). */
export function assumedRole(roleArn: string, sessionName: string): CallerPrincipal {
  const m = /^arn:([^:]+):iam::(\d{12}):role\/(.*)$/.exec(roleArn);
  if (!m) throw new Error(`not a role ARN: ${roleArn}`);
  const roleName = m[3].split('/').pop() ?? m[3];
  return {
    type: 'AssumedRole',
    arn: `arn:${m[1]}:sts::${m[2]}:assumed-role/${roleName}/${sessionName}`,
    accountId: m[2],
    roleArn,
    roleName,
    sessionName,
  };
}

export function servicePrincipal(service: string, accountId: string): CallerPrincipal {
  return { type: 'Service', arn: service, accountId, service };
}

/** The account's administrator (the local stand-in for a caller with full rights). */
export function accountRoot(accountId: string, partition = 'aws'): CallerPrincipal {
  return { type: 'Account', arn: `arn:${partition}:iam::${accountId}:root`, accountId };
}

export interface PrincipalMatch {
  /** The element names this caller. */
  matches: boolean;
  /**
   * It names the caller only through its account (`"AWS": "<account id>"` or `...:root`). In
   * the same account that delegates to identity policies: it grants nothing by itself
   * ("Principal" page: specifying the account delegates authority to the account's IAM).
   */
  viaAccount: boolean;
}

function awsValueMatches(value: string, caller: CallerPrincipal): PrincipalMatch {
  if (value === '*') return { matches: true, viaAccount: false };
  if (value === caller.arn) return { matches: true, viaAccount: false };
  if (caller.roleArn && value === caller.roleArn) return { matches: true, viaAccount: false };
  const root = /^arn:[^:]+:iam::(\d{12}):root$/.exec(value)?.[1] ?? (/^\d{12}$/.test(value) ? value : undefined);
  if (root && caller.type !== 'Service' && root === caller.accountId) return { matches: true, viaAccount: true };
  return { matches: false, viaAccount: false };
}

/** Does the Principal (or, negated by the caller, NotPrincipal) element name this caller? */
export function principalMatches(principals: NormalizedPrincipals, caller: CallerPrincipal): PrincipalMatch {
  if (principals === '*') return { matches: true, viaAccount: false };
  let viaAccount = false;
  for (const [type, values] of Object.entries(principals)) {
    for (const value of values) {
      if (type === 'AWS') {
        const m = awsValueMatches(value, caller);
        if (m.matches && !m.viaAccount) return m;
        viaAccount ||= m.matches;
      } else if (type === 'Service' && caller.type === 'Service' && value === caller.service) {
        return { matches: true, viaAccount: false };
      }
    }
  }
  return { matches: viaAccount, viaAccount };
}
