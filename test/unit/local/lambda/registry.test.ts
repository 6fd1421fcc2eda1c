import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { Faults } from '../../../../local/faults';
import { HANDLER_FILES, localHandlers } from '../../../../local/lambda/registry';
import { serverlessYmlPath } from '../../../../local/paths';
import { loadStateMachines } from '../../../../local/stepfunctions';

/** serverless.yml's functions with their handler paths (CloudFormation tags do not matter here). */
function serverlessFunctions(): Record<string, string> {
  const doc = parseDocument(readFileSync(serverlessYmlPath(), 'utf8'), {
    customTags: [],
    strict: false,
    logLevel: 'silent',
  });
  const fns = (doc.toJS({ maxAliasCount: -1 }) as { functions: Record<string, { handler: string }> }).functions;
  return Object.fromEntries(Object.entries(fns).map(([name, f]) => [name, f.handler]));
}

describe('local Lambda registry', () => {
  it('has exactly the functions serverless.yml deploys, with the same handler files', () => {
    expect(HANDLER_FILES).toEqual(serverlessFunctions());
    expect(Object.keys(localHandlers(new Faults())).sort()).toEqual(Object.keys(HANDLER_FILES).sort());
  });

  it('covers every Lambda the state machine calls', () => {
    const machines = loadStateMachines(serverlessYmlPath());
    const called = Object.values(machines).flatMap((m) => Object.keys(m.functionArns));
    expect(called.length).toBeGreaterThan(0);
    for (const name of called) expect(HANDLER_FILES).toHaveProperty(name);
  });
});
