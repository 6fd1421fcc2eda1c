-- First statements of every transform transaction: serialize writers on the targets and the ledger
-- (Redshift would otherwise abort one of two concurrent transforms with a serialization error).
LOCK ingest.loaded_files, public.songplays, public.users, public.songs, public.artists, public.time;
