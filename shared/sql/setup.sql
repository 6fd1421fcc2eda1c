-- One-time database set-up, run by an administrator after schema.sql and the datasets' table
-- definitions (redshift-ingest setup --print prints all of it; `serverless invoke -f setup`
-- runs it). The pipeline's database user then needs no DDL privilege outside its staging
-- schema, which it owns: the per-batch staging tables are created and dropped there.
-- [[user]] is the pipeline's database user, quoted; [[schemas]] and [[tables]] are the ones the
-- set-up created (the ledger, the quality results and the datasets' target tables).
ALTER SCHEMA staging OWNER TO [[user]];
GRANT USAGE ON SCHEMA [[schemas]] TO [[user]];
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE [[tables]] TO [[user]];
