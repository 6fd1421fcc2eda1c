-- Tables left in the staging schema (each belongs to one batch; the transform drops its own).
SELECT table_name FROM information_schema.tables WHERE table_schema = 'staging' ORDER BY table_name
