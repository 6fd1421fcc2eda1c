-- Set-up: does the pipeline's database user exist yet? (IAM authentication creates it on first
-- connection; grants need it before that.) Redshift folds user names to lower case when
-- enable_case_sensitive_identifier is off (the default), so compare them folded.
SELECT usename FROM pg_user WHERE LOWER(usename) = LOWER(:user)
