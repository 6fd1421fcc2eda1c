/**
 * No credential in the repository or the service definition. Patterns aim at real secrets, not
 * at the word: parser tests use placeholders like ACCESS_KEY_ID 'AKIA' SECRET_ACCESS_KEY 'S',
 * and AWS's documented example keys (…EXAMPLE) are allowed, as are the local stack's own key ids
 * (`AKIALOCAL…` / `ASIALOCAL…`, local/iam/credentials.ts): ids the embedded stack gives its own
 * identities, which mean nothing outside it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './package-once';

const SECRET_PATTERNS: Array<[string, RegExp]> = [
  ['AWS access key id', /\b(AKIA|ASIA)[0-9A-Z]{16}\b/g],
  // Secret access keys are 40 characters of base64.
  ['secret access key', /secret_?access_?key['"]?\s*[:=]?\s*['"]?([A-Za-z0-9/+]{40})\b/gi],
  ['password literal', /password['"]?\s*[:=]\s*['"]([^'"\s${}]{8,})['"]/gi],
  ['private key', /-----BEGIN (RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/g],
];

function findSecrets(text: string): string[] {
  const found: string[] = [];
  for (const [name, re] of SECRET_PATTERNS) {
    for (const m of text.matchAll(re)) {
      if (m[0].includes('EXAMPLE') || /^(AKIA|ASIA)LOCAL/.test(m[0])) continue;
      found.push(`${name}: ${m[0].slice(0, 12)}…`);
    }
  }
  return found;
}

describe('secrets', () => {
  test('the detector finds what it is for (and not the placeholders the tests use)', () => {
    const fakeKeyId = ['AKIA', 'Q3EGRIKBVLNCZXTM'].join('');
    const fakeSecret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCY' + 'Q3EGRIKBVL';
    expect(findSecrets(`id=${fakeKeyId}`)).toHaveLength(1);
    expect(findSecrets(`aws_secret_access_key=${fakeSecret}`)).toHaveLength(1);
    expect(findSecrets(`${'pass'}word: 'hunter2hunter2'`)).toHaveLength(1);
    expect(findSecrets(['-----BEGIN', 'RSA PRIVATE KEY-----'].join(' '))).toHaveLength(1);
    expect(findSecrets("ACCESS_KEY_ID 'AKIA' SECRET_ACCESS_KEY 'sekret' AKIAIOSFODNN7EXAMPLE")).toEqual([]);
    expect(findSecrets('ASIALOCALBATCHER0001 AKIALOCALSTACKADMIN0')).toEqual([]);
  });

  test('no tracked file of the repository holds a credential', () => {
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: repoRoot, encoding: 'utf8' })
      .split('\0')
      .filter(Boolean);
    expect(files.length).toBeGreaterThan(0);
    const hits: string[] = [];
    for (const file of files) {
      const path = join(repoRoot, file);
      let text: string;
      try {
        if (statSync(path).size > 5_000_000) continue;
        text = readFileSync(path, 'utf8');
      } catch {
        continue; // deleted in the working tree
      }
      if (text.includes('\0')) continue; // binary
      hits.push(...findSecrets(text).map((h) => `${file}: ${h}`));
    }
    expect(hits).toEqual([]);
  });

  test('serverless.yml holds no credential and no secret-valued parameter', () => {
    const yml = readFileSync(join(repoRoot, 'serverless.yml'), 'utf8');
    expect(findSecrets(yml)).toEqual([]);
    // The warehouse is reached with IAM (or a Secrets Manager ARN), never a password parameter.
    expect(yml).not.toMatch(/^\s*\w*(password|accessKey|secretKey)\w*\s*:/im);
  });
});
