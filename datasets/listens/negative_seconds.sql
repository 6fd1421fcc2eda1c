-- Listens of this batch with a negative duration.
SELECT s.listen_id FROM {{staging}} s WHERE s.seconds < 0
