/**
 * The local Redshift Data API server: an HTTP endpoint speaking awsJson1_1 that the unmodified
 * @aws-sdk/client-redshift-data (and Step Functions `aws-sdk:redshiftdata:*` tasks) can call,
 * backed by PGlite.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counters } from '../../counters';
import { type Faults, NO_FAULTS } from '../../faults';
import type { HttpGuardOptions } from '../../http-guard';
import type { Authorizer } from '../../iam';
import type { S3Settings } from '../execution/s3-objects';
import { DataApiEngine } from '../warehouse/data-api-engine';
import { dataApiAuthorization } from './authorize';
import { adminForEveryKey, type CallerResolver } from './caller';
import type { DatabaseUserOptions, WarehouseNames } from './connection-target';
import { ThrottlingException } from './errors';
import { createRequestListener } from './http';
import { addMetadataOperations } from './metadata-ops';
import { DataApiService } from './service';

/** Options of {@link startDataApiServer}. */
export interface DataApiServerOptions {
  /** Database folder; undefined = in-memory PGlite. Data survives restarts on the same folder. */
  dataDir?: string;
  /** Port to listen on; 0 or undefined = any free port. */
  port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Local S3 server that COPY reads from. */
  s3: S3Settings;
  faults?: Faults;
  counters?: Counters;
  /** How long each statement stays SUBMITTED before it runs (default 0). */
  statementDelayMs?: number;
  /** Rows per GetStatementResult page (default 1000). */
  pageSize?: number;
  /**
   * The identity behind a request's access key id (SigV4 `Credential=<key>/...`); it owns the
   * statements and sessions the request creates and maps to its database user. Default: every
   * key (and an unsigned request) is the local administrator.
   */
  resolveCaller?: CallerResolver;
  /**
   * Names of this warehouse. Unknown workgroups/clusters are refused, unknown databases fail
   * their statements. Default: any workgroup or cluster name, database `dev` only.
   */
  warehouse?: WarehouseNames;
  /** How database users are created; `newUsers: 'no-privileges'` enforces Redshift's privileges. */
  databaseUsers?: DatabaseUserOptions;
  /** Browser origins / extra Host names let through the request guard (default: loopback, no browsers). */
  guard?: HttpGuardOptions;
  /** Authorizes every operation as its signer (local/iam); omitted: every call is allowed. */
  authorizer?: Authorizer;
  /** Clock of session keep-alives, epoch ms (tests). Default Date.now. */
  now?: () => number;
}

/** A running Data API server. */
export interface DataApiServer {
  /** Base URL for the SDK's `endpoint` option, e.g. http://127.0.0.1:45123. */
  endpoint: string;
  port: number;
  /** The database, for in-process use (`engine.run` / `engine.execute`). */
  engine: DataApiEngine;
  /** Stop listening, let running statements finish, close the database. */
  stop(): Promise<void>;
}

/** Start the Data API emulator. */
export async function startDataApiServer(opts: DataApiServerOptions): Promise<DataApiServer> {
  const faults = opts.faults ?? NO_FAULTS;
  const counters = opts.counters ?? new Counters();
  const engine = await DataApiEngine.open({ dataDir: opts.dataDir, s3: opts.s3 });
  const service = new DataApiService({
    engine,
    faults,
    counters,
    statementDelayMs: opts.statementDelayMs ?? 0,
    pageSize: opts.pageSize ?? 1000,
    warehouse: opts.warehouse ?? {},
    databaseUsers: opts.databaseUsers ?? {},
    now: opts.now ?? Date.now,
  });
  const handlers = addMetadataOperations(service.handlers(), engine, opts.warehouse ?? {});
  const server = createServer(
    createRequestListener(handlers, {
      beforeOperation() {
        counters.inc('dataApi.calls');
        if (faults.should('dataApiThrottle')) throw new ThrottlingException();
      },
      resolveCaller: opts.resolveCaller ?? adminForEveryKey,
      guard: opts.guard,
      authorize: opts.authorizer ? dataApiAuthorization(opts.authorizer) : undefined,
    }),
  );
  // SDK clients keep connections alive; do not let idle sockets hold stop() open.
  server.keepAliveTimeout = 1000;
  const host = opts.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, host, () => resolve());
    });
  } catch (error) {
    await engine.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  let stopped: Promise<void> | undefined;
  return {
    endpoint: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    engine,
    stop() {
      stopped ??= (async () => {
        service.shutdown();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
        await engine.close();
      })();
      return stopped;
    },
  };
}
