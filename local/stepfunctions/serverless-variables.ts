/**
 * The slice of Serverless Framework variable resolution that a state machine needs locally:
 * `${file(path)}` / `${file(path):a.b}`, `${self:a.b}`, `${sls:stage}`, `${opt:stage}`,
 * `${opt:region}`, `${aws:region}`, `${aws:accountId}`, `${env:NAME}`, and fallbacks
 * (`${opt:stage, 'dev'}`). Innermost variables resolve first, so nesting works. Anything else
 * (ssm, cf, s3, ...) fails with a {@link ServerlessVariableError} naming the variable, rather
 * than leaking a literal `${...}` into a running execution.
 */
import { readFileSync } from 'node:fs';
import { extname, resolve as resolvePath } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { cloudFormationTags } from './cfn-yaml-tags';

/** A variable the local loader cannot resolve (unknown source, missing key, missing file). */
export class ServerlessVariableError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`cannot resolve \${${variable}}: ${reason}`);
    this.name = 'ServerlessVariableError';
  }
}

/** What variables resolve against. */
export interface VariableContext {
  /** The parsed serverless.yml (unresolved), for `${self:...}`. */
  service: Record<string, unknown>;
  /** Folder holding serverless.yml: `${file(...)}` paths are relative to it. */
  serviceDir: string;
  stage: string;
  region: string;
  accountId: string;
}

const VARIABLE = /\$\{([^${}]+)\}/;
const MAX_PASSES = 50;

/** Reads a YAML (CloudFormation tags allowed) or JSON file. */
export function readYamlOrJson(path: string): unknown {
  const text = readFileSync(path, 'utf8');
  if (extname(path).toLowerCase() === '.json') return JSON.parse(text);
  return parseYaml(text, { customTags: cloudFormationTags });
}

function lookupPath(root: unknown, dotted: string): unknown {
  let node: unknown = root;
  for (const part of dotted.split('.').filter(Boolean)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** Splits `a, 'b, c'` on commas outside quotes. */
function splitFallbacks(expr: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote = '';
  for (const ch of expr) {
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === "'" || ch === '"') {
      quote = ch;
    } else if (ch === ',') {
      parts.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  parts.push(current.trim());
  return parts;
}

function resolveSource(expr: string, ctx: VariableContext): unknown {
  const literal = /^(['"])(.*)\1$/s.exec(expr);
  if (literal) return literal[2];
  if (/^-?\d+(\.\d+)?$/.test(expr)) return Number(expr);
  const file = /^file\(([^)]+)\)(?::(.+))?$/.exec(expr);
  if (file) {
    const path = resolvePath(ctx.serviceDir, file[1].trim().replace(/^['"]|['"]$/g, ''));
    let content: unknown;
    try {
      content = readYamlOrJson(path);
    } catch (err) {
      throw new ServerlessVariableError(expr, `cannot read ${path}: ${(err as Error).message}`);
    }
    return file[2] ? lookupPath(content, file[2].trim()) : content;
  }
  const colon = expr.indexOf(':');
  const source = colon < 0 ? '' : expr.slice(0, colon);
  const key = colon < 0 ? expr : expr.slice(colon + 1);
  switch (source) {
    case 'self':
      if (key === 'provider.stage') return lookupPath(ctx.service, key) ?? ctx.stage;
      if (key === 'provider.region') return lookupPath(ctx.service, key) ?? ctx.region;
      return lookupPath(ctx.service, key);
    case 'sls':
      return key === 'stage' ? ctx.stage : undefined;
    case 'opt':
      return key === 'stage' ? ctx.stage : key === 'region' ? ctx.region : undefined;
    case 'aws':
      return key === 'region' ? ctx.region : key === 'accountId' ? ctx.accountId : undefined;
    case 'env':
      return process.env[key];
    default:
      throw new ServerlessVariableError(expr, `the local loader does not support "${source || expr}" variables`);
  }
}

function resolveExpression(expr: string, ctx: VariableContext): unknown {
  for (const candidate of splitFallbacks(expr)) {
    const value = resolveSource(candidate, ctx);
    if (value !== undefined && value !== null) return value;
  }
  throw new ServerlessVariableError(expr, 'no value found (and no fallback given)');
}

function resolveString(text: string, ctx: VariableContext, depth: number): unknown {
  let current: unknown = text;
  for (let pass = 0; typeof current === 'string' && pass < MAX_PASSES; pass++) {
    const match = VARIABLE.exec(current);
    if (!match) return current;
    const value = resolveExpression(match[1].trim(), ctx);
    if (match[0] === current) {
      // A whole-string variable keeps its type (an included definition is an object).
      current = resolveVariables(value, ctx, depth + 1);
    } else if (value !== null && typeof value === 'object') {
      throw new ServerlessVariableError(match[1], 'an object cannot be interpolated into a string');
    } else {
      current = current.replace(match[0], String(value));
    }
  }
  if (typeof current === 'string' && VARIABLE.test(current)) {
    throw new ServerlessVariableError(current, 'too many nested variables (cycle?)');
  }
  return current;
}

/** Returns a copy of `value` with every serverless variable resolved. */
export function resolveVariables(value: unknown, ctx: VariableContext, depth = 0): unknown {
  if (depth > MAX_PASSES) throw new ServerlessVariableError(String(value), 'variables nest too deep (cycle?)');
  if (typeof value === 'string') return resolveString(value, ctx, depth);
  if (Array.isArray(value)) return value.map((item) => resolveVariables(item, ctx, depth));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveVariables(v, ctx, depth)]));
  }
  return value;
}
