-- COPY of one batch's data files. The manifest lists the files (S3 keys never appear here);
-- the IAM role is the only credential, and it is a role, not a secret.
COPY {{staging}}
FROM {{manifest_url}}
IAM_ROLE {{iam_role}}
MANIFEST
{{format}}
{{copy_options}};
