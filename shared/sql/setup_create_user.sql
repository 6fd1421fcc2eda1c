-- Set-up: the pipeline's database user, before its first connection, so that it can be granted
-- privileges. PASSWORD DISABLE: it signs in through IAM only (Redshift Database Developer
-- Guide, "CREATE USER"). [[user]] is the quoted user name.
CREATE USER [[user]] PASSWORD DISABLE;
