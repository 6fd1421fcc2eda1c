/**
 * Reads the deployable definition into {@link DeployedIdentities}, from either source the local
 * stack accepts (the same single source the local Step Functions runner uses):
 * - the packaged CloudFormation template (`npm run package` writes
 *   `.serverless/cloudformation-template-update-stack.json`), read as is;
 * - `serverless.yml` itself, without packaging: `${param:}` from `params` (default, then the
 *   stage's, then the caller's), then `${self:}`/`${sls:}`/`${file()}`/`${opt:}` by the Step
 *   Functions loader's resolver, then the template serverless would generate for IAM: the
 *   `resources` block, one AWS::Lambda::Function per function with its `role` (or the
 *   provider's `IamRoleLambdaExecution` built from `provider.iam.role.statements`), one
 *   AWS::StepFunctions::StateMachine per state machine with its `role`.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION, lambdaFunctionArn } from '../stepfunctions/arns';
import { functionLogicalId } from '../stepfunctions/load-definitions';
import { readYamlOrJson, resolveVariables, type VariableContext } from '../stepfunctions/serverless-variables';
import { CfnResolver, type CfnResource, type CfnTemplate } from './cfn-resolve';
import { type DeployedIdentities, identitiesFromTemplate } from './identities';

export interface DeploymentOptions {
  region?: string;
  accountId?: string;
  /** Default: `provider.stage` when literal, else `dev`. */
  stage?: string;
  /** `--param` values, over the file's `params`. */
  params?: Record<string, string>;
  /**
   * Function ARN from the function's serverless.yml key and deployed name. Default: the local
   * runner's ARN (`lambdaFunctionArn(key)`), so that a role's `lambda:InvokeFunction` grants
   * match the ARNs the local state machine runner really invokes.
   */
  functionArn?: (key: string, functionName: string) => string;
  /**
   * The serverless CLI options JS file variables receive (`{ options }`): the local stack passes
   * `datasets`, the folder it loads, so the roles' grants follow that folder's prefixes.
   */
  cliOptions?: Record<string, string>;
}

type Doc = Record<string, unknown>;
const obj = (v: unknown): Doc => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Doc) : {});
const literal = (v: unknown): string | undefined => (typeof v === 'string' && !v.includes('${') ? v : undefined);

/** Replaces `${param:name}` (the one source the Step Functions resolver leaves out). */
function substituteParams(value: unknown, params: Record<string, string>): unknown {
  return mapStrings(value, (s) =>
    s.replace(/\$\{param:([A-Za-z0-9_-]+)\}/g, (whole, name: string) => params[name] ?? whole),
  );
}

/**
 * CloudFormation's own `${...}` (Fn::Sub: `${AWS::Region}`, `${Bucket}`, `${Res.Attr}`) are not
 * serverless variables (those are `${source:address}` or `${source(args)}`): serverless leaves
 * them alone, so they are hidden from the resolver and restored after.
 */
const CFN_PLACEHOLDER = /\$\{(AWS::[A-Za-z]+|[A-Za-z0-9_.]+)\}/g;
const HIDDEN = '\u0001';

function mapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)]));
  }
  return value;
}

const hideCfn = (v: unknown): unknown => mapStrings(v, (s) => s.replace(CFN_PLACEHOLDER, `${HIDDEN}{$1}`));
const restoreCfn = (v: unknown): unknown => mapStrings(v, (s) => s.split(`${HIDDEN}{`).join('${'));

function lookupPath(root: unknown, dotted: string): unknown {
  let node = root;
  for (const part of dotted.split('.')) node = node && typeof node === 'object' ? (node as Doc)[part] : undefined;
  return node;
}

const JS_FILE_VARIABLE = /^\$\{file\(([^)]+\.c?js)\):([A-Za-z0-9_.]+)\}$/;

/**
 * `${file(x.js):name}` as serverless resolves it: the module's export `name`, called (and
 * awaited) when it is a function, with a `resolveVariable` for the variables it asks for.
 * The Step Functions resolver reads YAML/JSON files only, and is synchronous.
 */
async function resolveJsFiles(
  value: unknown,
  ctx: VariableContext,
  params: Record<string, string>,
  options: Record<string, string> = {},
): Promise<unknown> {
  if (typeof value === 'string') {
    const m = JS_FILE_VARIABLE.exec(value);
    if (!m) return value;
    const modulePath = resolvePath(ctx.serviceDir, m[1].trim().replace(/^['"]|['"]$/g, ''));
    // A computed path: the bundler leaves it to Node at run time, as serverless does.
    const resolveVariable = async (v: string): Promise<unknown> => {
      if (v.startsWith('param:')) return params[v.slice('param:'.length)];
      // `self:` values may hold JS file variables themselves: those resolve first.
      const self = v.startsWith('self:') ? lookupPath(ctx.service, v.slice('self:'.length)) : undefined;
      const value = self === undefined ? `\${${v}}` : hideCfn(await resolveJsFiles(self, ctx, params, options));
      return restoreCfn(resolveVariables(value, ctx));
    };
    const call = async (v: unknown): Promise<unknown> =>
      typeof v === 'function' ? await v({ resolveVariable, options }) : v;
    // `:a.b`: each step's value, if a function, is called (and awaited) before the next step.
    let node: unknown = require(modulePath);
    for (const part of m[2].split('.')) {
      node = await call(node);
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
    }
    return call(node);
  }
  if (Array.isArray(value)) return Promise.all(value.map((v) => resolveJsFiles(v, ctx, params, options)));
  if (value && typeof value === 'object') {
    const entries = await Promise.all(
      Object.entries(value).map(async ([k, v]) => [k, await resolveJsFiles(v, ctx, params, options)]),
    );
    return Object.fromEntries(entries);
  }
  return value;
}

function paramsOf(service: Doc, stage: string, overrides: Record<string, string> = {}): Record<string, string> {
  const params = obj(service.params);
  const merged = { ...obj(params.default), ...obj(params[stage]), ...overrides };
  return Object.fromEntries(Object.entries(merged).map(([k, v]) => [k, String(v)]));
}

/** The IAM-relevant template serverless would generate from a parsed serverless.yml. */
export async function templateFromServerless(
  path: string,
  opts: DeploymentOptions = {},
): Promise<{ template: CfnTemplate; stackName: string; region: string; functionKeys: Map<string, string> }> {
  const raw = obj(readYamlOrJson(path));
  const stage = opts.stage ?? literal(obj(raw.provider).stage) ?? 'dev';
  const region = opts.region ?? literal(obj(raw.provider).region) ?? LOCAL_REGION;
  const params = paramsOf(raw, stage, opts.params);
  const ctx: VariableContext = {
    service: obj(hideCfn(substituteParams(raw, params))),
    serviceDir: dirname(path),
    stage,
    region,
    accountId: opts.accountId ?? LOCAL_ACCOUNT_ID,
  };
  ctx.service = obj(hideCfn(await resolveJsFiles(ctx.service, ctx, params, opts.cliOptions)));
  const service = ctx.service;
  const resolve = (v: unknown): unknown => restoreCfn(resolveVariables(v, ctx));
  const serviceName = String(resolve(service.service));
  const stackName = `${serviceName}-${stage}`;
  const resources = obj(resolve(obj(service.resources).Resources)) as Record<string, CfnResource>;
  const Resources: Record<string, CfnResource> = { ...resources };
  const functionKeys = new Map<string, string>();

  const provider = obj(service.provider);
  const providerStatements = resolve(obj(obj(provider.iam).role).statements ?? provider.iamRoleStatements);
  for (const [key, fn] of Object.entries(obj(service.functions))) {
    const name = `${stackName}-${key}`;
    functionKeys.set(name, key);
    const role = resolve(obj(fn).role);
    let Role: unknown = role;
    if (role === undefined) {
      Role = { 'Fn::GetAtt': ['IamRoleLambdaExecution', 'Arn'] };
      Resources.IamRoleLambdaExecution ??= {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] },
            ],
          },
          Policies: Array.isArray(providerStatements)
            ? [
                {
                  PolicyName: `${stackName}-lambda`,
                  PolicyDocument: { Version: '2012-10-17', Statement: providerStatements },
                },
              ]
            : [],
        },
      };
    } else if (typeof role === 'string' && !role.startsWith('arn:')) {
      Role = { 'Fn::GetAtt': [role, 'Arn'] };
    }
    Resources[functionLogicalId(key)] = { Type: 'AWS::Lambda::Function', Properties: { FunctionName: name, Role } };
    // serverless creates each function's log group (`<Fn>LogGroup`); roles grant on its ARN.
    Resources[functionLogicalId(key).replace(/LambdaFunction$/, 'LogGroup')] = {
      Type: 'AWS::Logs::LogGroup',
      Properties: { LogGroupName: `/aws/lambda/${name}` },
    };
  }
  for (const [key, machine] of Object.entries(obj(obj(service.stepFunctions).stateMachines))) {
    const m = obj(machine);
    const name = m.name === undefined ? key : String(resolve(m.name));
    const id = typeof m.id === 'string' ? m.id : `${key[0].toUpperCase()}${key.slice(1)}StepFunctionsStateMachine`;
    Resources[id] = {
      Type: 'AWS::StepFunctions::StateMachine',
      Properties: { StateMachineName: name, RoleArn: resolve(m.role) },
    };
  }
  const Conditions = obj(resolve(obj(service.resources).Conditions));
  return { template: { Conditions, Resources }, stackName, region, functionKeys };
}

function functionArnOf(opts: DeploymentOptions, region: string, accountId: string, keys: (name: string) => string) {
  return (name: string): string => {
    const key = keys(name);
    return opts.functionArn ? opts.functionArn(key, name) : lambdaFunctionArn(key, region, accountId);
  };
}

/** Identities from serverless.yml, without packaging. */
export async function identitiesFromServerless(
  path: string,
  opts: DeploymentOptions = {},
): Promise<DeployedIdentities> {
  const accountId = opts.accountId ?? LOCAL_ACCOUNT_ID;
  const { template, stackName, region, functionKeys } = await templateFromServerless(path, opts);
  const functionArn = functionArnOf(
    opts,
    region,
    accountId,
    (name) => functionKeys.get(name) ?? withoutStackPrefix(name, stackName),
  );
  const resolver = new CfnResolver(template, { partition: 'aws', region, accountId, stackName, functionArn });
  return identitiesFromTemplate(template, resolver);
}

/** A function the template declares itself, named `<stack>-<name>` like serverless's own. */
function withoutStackPrefix(name: string, stackName: string): string {
  return name.startsWith(`${stackName}-`) ? name.slice(stackName.length + 1) : name;
}

/**
 * Identities from a packaged template. serverless names functions `<service>-<stage>-<key>`:
 * the key is the name after the stack name's prefix.
 */
export function identitiesFromPackagedTemplate(
  templatePath: string,
  opts: DeploymentOptions & { stackName: string },
): DeployedIdentities {
  const template = JSON.parse(readFileSync(templatePath, 'utf8')) as CfnTemplate;
  const region = opts.region ?? LOCAL_REGION;
  const accountId = opts.accountId ?? LOCAL_ACCOUNT_ID;
  const functionArn = functionArnOf(opts, region, accountId, (name) => withoutStackPrefix(name, opts.stackName));
  const resolver = new CfnResolver(template, {
    partition: 'aws',
    region,
    accountId,
    stackName: opts.stackName,
    functionArn,
  });
  return identitiesFromTemplate(template, resolver);
}
