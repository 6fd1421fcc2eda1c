-- First statement of every transform transaction: serialize writers on the ledger and the
-- dataset's target tables (`targets` of its dataset.yml). Redshift would otherwise abort one of
-- two concurrent transforms with a serialization error.
LOCK ingest.loaded_files, [[targets]];
