/**
 * Local credentials per identity. Each role session (a Lambda function's role, the state
 * machine's role, COPY's IAM_ROLE) gets an access key id that identifies it, so that a client
 * signing with it can be mapped back to its principal by the server that receives the request.
 * Shape as AWS's temporary keys ("IAM identifiers", unique ID prefixes: `ASIA` = temporary
 * access key), 20 characters: `ASIALOCAL` + 11 characters derived from the role session.
 * The secret is derived too: nothing here is secret, and the local servers do not verify
 * signatures (docs/local-fidelity.md, IAM: not reproduced).
 */
import { createHash } from 'node:crypto';
import { assumedRole, type CallerPrincipal } from './principal';

export interface LocalCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  principal: CallerPrincipal;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(bytes: Buffer, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) out += BASE32[bytes[i % bytes.length] % 32];
  return out;
}

/** The access key id of a role session (stable: the same role and session, the same key). */
export function localAccessKeyId(roleArn: string, sessionName: string): string {
  const digest = createHash('sha256').update(`${roleArn}\n${sessionName}`).digest();
  return `ASIALOCAL${base32(digest, 11)}`;
}

/** Issues and looks up the credentials of role sessions. */
export class CredentialStore {
  private readonly byKey = new Map<string, LocalCredentials>();

  /** The credentials of `sessionName` of the role (the same object for the same session). */
  issue(roleArn: string, sessionName: string): LocalCredentials {
    const accessKeyId = localAccessKeyId(roleArn, sessionName);
    let creds = this.byKey.get(accessKeyId);
    if (!creds) {
      const secretAccessKey = createHash('sha256').update(`local-secret\n${accessKeyId}`).digest('base64').slice(0, 40);
      creds = { accessKeyId, secretAccessKey, principal: assumedRole(roleArn, sessionName) };
      this.byKey.set(accessKeyId, creds);
    }
    return creds;
  }

  lookup(accessKeyId: string): LocalCredentials | undefined {
    return this.byKey.get(accessKeyId);
  }
}
