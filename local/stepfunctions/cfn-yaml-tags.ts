/**
 * CloudFormation short-form intrinsic tags (`!Ref`, `!GetAtt`, `!Sub`, ...) for the `yaml`
 * package. serverless.yml may use them in `resources` and in state machine definitions; without
 * these tags the parser reports "Unresolved tag" and nothing loads. Each tag maps to the long
 * form CloudFormation itself uses (`!Ref x` -> `{ Ref: x }`, `!GetAtt a.Arn` ->
 * `{ 'Fn::GetAtt': ['a', 'Arn'] }`, `!Sub s` -> `{ 'Fn::Sub': s }`), so later stages only ever
 * deal with the long form.
 */
import type { Tags } from 'yaml';

/** Function-style intrinsics whose long form is `{ 'Fn::<Name>': value }`. */
const FN_TAGS = [
  'And',
  'Base64',
  'Cidr',
  'Equals',
  'FindInMap',
  'GetAZs',
  'GetAtt',
  'If',
  'ImportValue',
  'Join',
  'Not',
  'Or',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'Length',
  'ToJsonString',
] as const;

type NodeLike = { toJSON(): unknown };

/** `!GetAtt Fn.Arn` (scalar form) becomes the two-element list the long form uses. */
function getAttScalar(value: string): string[] {
  const dot = value.indexOf('.');
  return dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
}

function longForm(name: string, value: unknown): Record<string, unknown> {
  if (name === 'Ref') return { Ref: value };
  if (name === 'Condition') return { Condition: value };
  if (name === 'GetAtt' && typeof value === 'string') return { 'Fn::GetAtt': getAttScalar(value) };
  return { [`Fn::${name}`]: value };
}

/** The three node kinds (scalar, sequence, mapping) a short tag can be written on. */
function tagsFor(name: string): Tags {
  const tag = `!${name}`;
  return [
    { tag, resolve: (value: string) => longForm(name, value) },
    { tag, collection: 'seq', resolve: (node: unknown) => longForm(name, (node as NodeLike).toJSON()) },
    { tag, collection: 'map', resolve: (node: unknown) => longForm(name, (node as NodeLike).toJSON()) },
  ];
}

/** Custom tags to pass as `customTags` to `yaml.parse` so CloudFormation templates parse. */
export const cloudFormationTags: Tags = ['Ref', 'Condition', ...FN_TAGS].flatMap(tagsFor);
