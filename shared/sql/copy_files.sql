-- COPY of the batch's file list (for the ledger rows written by the transform).
COPY {{files}}
FROM {{files_url}}
IAM_ROLE {{iam_role}}
FORMAT AS JSON 'auto'
{{copy_options}};
