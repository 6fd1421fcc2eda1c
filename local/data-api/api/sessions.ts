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
  connection: ConnectionInfo;
  database: string;
  user: DatabaseUser;
  keepAliveSeconds: number;
  /** Epoch ms. */
  openedAt: number;
  /** Epoch ms after which the session is closed (only counts while no statement runs). */
  expiresAt: number;
  /** Id of the statement running in it. */
  busyWith?: string;
  /** Settings and parked temporary tables between statements (key = session id). */
  slot: { key: string; state?: SessionSnapshot };
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
  open(init: Omit<DataApiSession, 'id' | 'openedAt' | 'expiresAt' | 'slot'>): DataApiSession {
    const id = randomUUID();
    const openedAt = this.now();
    const session: DataApiSession = {
      ...init,
      id,
      openedAt,
      expiresAt: openedAt + init.keepAliveSeconds * 1000,
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
    if (!session || session.ownerArn !== caller.arn) throw new ResourceNotFoundException(SESSION_GONE(id), id);
    if (session.busyWith) throw new ValidationException(SESSION_BUSY(id, session.busyWith));
    return session;
  }

  /** The statement ended: the keep-alive counts from now (capped at 24 hours after opening). */
  release(session: DataApiSession): void {
    session.busyWith = undefined;
    session.expiresAt = Math.min(
      this.now() + session.keepAliveSeconds * 1000,
      session.openedAt + MAX_SESSION_SECONDS * 1000,
    );
    this.sweep();
  }

  /** Close idle sessions past their expiry. */
  sweep(): void {
    const now = this.now();
    for (const session of this.byId.values()) {
      if (!session.busyWith && now >= session.expiresAt) {
        this.byId.delete(session.id);
        this.closed.push(session);
      }
    }
  }

  /** Closed sessions whose parked state the engine should drop (each returned once). */
  takeClosed(): DataApiSession[] {
    return this.closed.splice(0);
  }
}
