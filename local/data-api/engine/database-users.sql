-- Default privileges of a Redshift database, applied at every start of the engine (idempotent).
-- PostgreSQL 15+ no longer lets PUBLIC create in schema public; Redshift does ("By default, all
-- users have CREATE and USAGE privileges on the PUBLIC schema of a database": "Schemas",
-- Amazon Redshift Database Developer Guide). Nothing else is granted: a new database user can
-- create tables in public, read the system tables, and nothing more until an administrator
-- grants it (CREATE on the database for CREATE SCHEMA, privileges on other schemas and tables).
GRANT CREATE, USAGE ON SCHEMA public TO PUBLIC;

-- The Redshift system tables and function shims are readable by every user, as in Redshift.
GRANT USAGE ON SCHEMA pg_redshift_sys TO PUBLIC;
GRANT SELECT ON ALL TABLES IN SCHEMA pg_redshift_sys TO PUBLIC;
-- Every statement draws its RedshiftQueryId while it runs as its database user.
GRANT USAGE ON SEQUENCE pg_redshift_sys.query_id_seq TO PUBLIC;

-- Temporary tables of Data API sessions that are not running (session-state.ts); sessions live
-- in memory, so whatever a previous run of the engine parked here is gone.
DROP SCHEMA IF EXISTS pg_redshift_sessions CASCADE;
CREATE SCHEMA pg_redshift_sessions;
REVOKE ALL ON SCHEMA pg_redshift_sessions FROM PUBLIC;
