/**
 * Data API sessions (SessionKeepAliveSeconds / SessionId). A call with SessionKeepAliveSeconds
 * opens a session that outlives the call; later calls name it by SessionId and find its
 * settings and temporary tables (engine/session-state.ts keeps them on the one connection).
 * A session runs one statement at a time, is kept alive for its keep-alive after each
 * statement ends, and is closed 24 hours after it opened whatever the keep-alive.
 * Sessions belong to the identity that opened them.
 */
import { randomUUID } from 'node:crypto';
import type { DatabaseUser } from '../engine/database-users';
import type { SessionSnapshot } from '../engine/session-state';
import type { Caller } from './caller';
import { ResourceNotFoundException, ValidationException } from './errors';
import type { ConnectionInfo } from './statement-store';

/** "The maximum time a session can keep alive is 24 hours." (ExecuteStatement, SessionKeepAliveSeconds) */
export const MAX_SESSION_SECONDS = 24 * 3600;

export interface DataApiSession {
  id: string;
  ownerArn: string;
  /** The IAM session (signing key) that opened it: ListSessions with RoleLevel=false. */
  ownerAccessKeyId: string;
  connection: ConnectionInfo;
  database: string;
  user: DatabaseUser;
  keepAliveSeconds: number;
  /** Epoch ms. */
  openedAt: number;
  /** Epoch ms after which the session is closed (only counts while no statement runs). */
  expiresAt: number;
  /** Epoch ms of the last change (a statement started or ended, the session closed). */
  updatedAt: number;
  /** Epoch ms when it closed; closed sessions stay listed (status CLOSED) for a day. */
  closedAt?: number;
  /** Id of the statement running in it. */
  busyWith?: string;
  /** Settings and parked temporary tables between statements (key = session id). */
  slot: { key: string; state?: SessionSnapshot };
}

/** SessionData.Status of a session. */
export function sessionStatus(session: DataApiSession): 'AVAILABLE' | 'BUSY' | 'CLOSED' {
  if (session.closedAt !== undefined) return 'CLOSED';
  return session.busyWith ? 'BUSY' : 'AVAILABLE';
}

/** Text of the errors, one place (the Data API reference names the exceptions, not their texts). */
export const SESSION_BUSY = (id: string, statement: string) =>
  `Session ${id} is busy running statement ${statement}: a session runs one SQL statement at a time.`;
export const SESSION_GONE = (id: string) => `Session ${id} does not exist or has expired.`;

export class SessionStore {
  private readonly byId = new Map<string, DataApiSession>();
  /** Closed sessions whose parked state is still to be dropped on the engine. */
  private readonly closed: DataApiSession[] = [];

  constructor(private readonly now: () => number) {}

  /** Open a session for a call with SessionKeepAliveSeconds (> 0). */
  open(init: Omit<DataApiSession, 'id' | 'openedAt' | 'expiresAt' | 'updatedAt' | 'slot'>): DataApiSession {
    const id = randomUUID();
    const openedAt = this.now();
    const session: DataApiSession = {
      ...init,
      id,
      openedAt,
      expiresAt: openedAt + init.keepAliveSeconds * 1000,
      updatedAt: openedAt,
      slot: { key: id.replaceAll('-', '') },
    };
    this.byId.set(id, session);
    return session;
  }

  /**
   * The session `id` for a new statement of `caller`.
   * @throws ResourceNotFoundException when it does not exist, has expired or is another identity's;
   * @throws ValidationException while it runs another statement.
   */
  use(id: string, caller: Caller): DataApiSession {
    this.sweep();
    const session = this.byId.get(id);
    if (!session || session.closedAt !== undefined || session.ownerArn !== caller.arn) {
      throw new ResourceNotFoundException(SESSION_GONE(id), id);
    }
    if (session.busyWith) throw new ValidationException(SESSION_BUSY(id, session.busyWith));
    return session;
  }

  /** A statement starts in the session. */
  busy(session: DataApiSession, statementId: string): void {
    session.busyWith = statementId;
    session.updatedAt = this.now();
  }

  /** Sessions of `caller` (of its IAM session `accessKeyId` only when `sessionOnly`), newest first. */
  list(caller: Caller, accessKeyId: string, sessionOnly: boolean): DataApiSession[] {
    this.sweep();
    return [...this.byId.values()]
      .filter((s) => s.ownerArn === caller.arn && (!sessionOnly || s.ownerAccessKeyId === accessKeyId))
      .sort((a, b) => b.openedAt - a.openedAt);
  }

  /** The statement ended: the keep-alive counts from now (capped at 24 hours after opening). */
  release(session: DataApiSession): void {
    session.busyWith = undefined;
    session.updatedAt = this.now();
    session.expiresAt = Math.min(
      this.now() + session.keepAliveSeconds * 1000,
      session.openedAt + MAX_SESSION_SECONDS * 1000,
    );
    this.sweep();
  }

  /** Close idle sessions past their expiry; forget those closed more than a day ago. */
  sweep(): void {
    const now = this.now();
    for (const session of this.byId.values()) {
      if (session.closedAt === undefined && !session.busyWith && now >= session.expiresAt) {
        session.closedAt = session.expiresAt;
        session.updatedAt = session.expiresAt;
        this.closed.push(session);
      } else if (session.closedAt !== undefined && now - session.closedAt > MAX_SESSION_SECONDS * 1000) {
        this.byId.delete(session.id);
      }
    }
  }

  /** Closed sessions whose parked state the engine should drop (each returned once). */
  takeClosed(): DataApiSession[] {
    return this.closed.splice(0);
  }
}
