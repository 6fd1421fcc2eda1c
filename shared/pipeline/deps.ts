import type { Config } from '../config';
import { ConfigError } from '../errors';
import type { ObjectStorage, Orchestrator, Warehouse } from '../ports';

/** Structured log sink; handlers pass the Powertools logger, tests a collector. */
export type LogFn = (message: string, fields?: Record<string, unknown>) => void;

/** What every pipeline step gets: the config and the ports it talks to. */
export interface PipelineDeps {
  cfg: Config;
  storage: ObjectStorage;
  warehouse: Warehouse;
  orchestrator?: Orchestrator;
  log?: LogFn;
}

/** The orchestrator, or a ConfigError naming the missing setting. */
export function requireOrchestrator(deps: PipelineDeps): Orchestrator {
  if (!deps.orchestrator) throw new ConfigError('STATE_MACHINE_ARN is required but not set');
  return deps.orchestrator;
}
