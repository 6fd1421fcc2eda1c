/**
 * The access key of a request, as SigV4 carries it: `Credential=<AKID>/<scope>` in the
 * Authorization header, or `X-Amz-Credential` in a presigned URL (IAM User Guide, "Elements of
 * an AWS API request signature"; S3 API Reference, "Authenticating Requests: Using Query Parameters").
 */
import { accessKeyFromRequest } from '../../../../local/iam/access-key';

test('from the Authorization header', () => {
  const authorization =
    'AWS4-HMAC-SHA256 Credential=ASIALOCALABCDEFGHIJK/20261203/us-east-1/s3/aws4_request, ' +
    'SignedHeaders=host;x-amz-date, Signature=0123abcd';
  expect(accessKeyFromRequest({ authorization })).toBe('ASIALOCALABCDEFGHIJK');
});

test('from a presigned URL', () => {
  const query = new URLSearchParams(
    'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE%2F20261203%2Fus-east-1%2Fs3%2Faws4_request',
  );
  expect(accessKeyFromRequest({}, query)).toBe('AKIAEXAMPLE');
});

test('unsigned: none', () => {
  expect(accessKeyFromRequest({ host: 'localhost' }, new URLSearchParams('list-type=2'))).toBeUndefined();
});
