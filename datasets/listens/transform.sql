-- Upsert on listen_id: a listen delivered again replaces the stored row.
DELETE FROM listens USING {{staging}} s WHERE listens.listen_id = s.listen_id;

INSERT INTO listens (listen_id, user_id, song, seconds, listened_at)
SELECT DISTINCT listen_id, user_id, song, seconds, listened_at FROM {{staging}};
