/**
 * ListSessions: the caller's Data API sessions (of its IAM role, or of its current IAM session
 * with RoleLevel=false), AVAILABLE and BUSY by default, CLOSED ones on request, as SessionData.
 */
import type { RequestContext } from './caller';
import { ValidationException } from './errors';
import { decodePageToken, encodePageToken } from './results';
import { type SessionStore, sessionStatus } from './sessions';
import { STATEMENT_ID_PATTERN, validateMaxResults } from './validation';

type Input = Record<string, unknown>;

const STATUSES = new Set(['AVAILABLE', 'BUSY', 'CLOSED']);

/** ListSessions output for `input`. */
export function listSessions(store: SessionStore, input: Input, ctx: RequestContext): Record<string, unknown> {
  const max = validateMaxResults(input, 100, 100);
  const status = input.Status as string | undefined;
  if (status !== undefined && !STATUSES.has(status)) {
    throw new ValidationException(`Status must be one of ${[...STATUSES].join(', ')}.`);
  }
  if (input.WorkgroupName && input.ClusterIdentifier) {
    throw new ValidationException('Specify either WorkgroupName or ClusterIdentifier, not both.');
  }
  const sessionId = input.SessionId as string | undefined;
  if (sessionId !== undefined && !STATEMENT_ID_PATTERN.test(sessionId)) {
    throw new ValidationException(`sessionId must satisfy regex pattern: ${STATEMENT_ID_PATTERN.source}`);
  }
  const matches = store.list(ctx.caller, ctx.accessKeyId, input.RoleLevel === false).filter((s) => {
    const current = sessionStatus(s);
    if (sessionId !== undefined) return s.id === sessionId;
    if (status ? current !== status : current === 'CLOSED') return false;
    for (const key of ['Database', 'ClusterIdentifier', 'WorkgroupName'] as const) {
      if (input[key] && (key === 'Database' ? s.database : s.connection[key]) !== input[key]) return false;
    }
    return true;
  });
  const offset = decodePageToken(input.NextToken as string | undefined, 'ListSessions');
  const page = matches.slice(offset, offset + max);
  return {
    Sessions: page.map((s) => ({
      SessionId: s.id,
      Status: sessionStatus(s),
      CreatedAt: s.openedAt / 1000,
      UpdatedAt: s.updatedAt / 1000,
      Database: s.database,
      DbUser: s.user.name,
      ClusterIdentifier: s.connection.ClusterIdentifier,
      WorkgroupName: s.connection.WorkgroupName,
      SessionAliveSeconds: s.keepAliveSeconds,
      SessionTtl: s.closedAt === undefined ? s.expiresAt / 1000 : undefined,
      CurrentStatementId: s.busyWith,
    })),
    NextToken:
      offset + max < matches.length ? encodePageToken({ id: 'ListSessions', offset: offset + max }) : undefined,
  };
}
