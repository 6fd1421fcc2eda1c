/**
 * The role a COPY names. A pure function of the SQL text, apart from copy-access.ts (which
 * pulls in local IAM) so that the warehouse worker, which dispatches COPY, does not load IAM.
 */

/** The role a COPY names: `IAM_ROLE 'arn'` or `CREDENTIALS 'aws_iam_role=arn'` (undefined: none or DEFAULT). */
export function copyIamRole(sql: string): string | undefined {
  const role = /\bIAM_ROLE\s+'([^']*)'/i.exec(sql)?.[1];
  if (role) return role.split(',')[0].trim();
  return /\bCREDENTIALS\s+'[^']*aws_iam_role=([^;']+)/i.exec(sql)?.[1]?.trim();
}
