-- Natural keys (session, item) of this batch's plays held by more than one songplays row.
SELECT s.session_id, s.item_in_session
FROM songplays s
JOIN (SELECT DISTINCT session_id, item_in_session FROM batch_plays) b
  ON s.session_id = b.session_id AND s.item_in_session = b.item_in_session
GROUP BY s.session_id, s.item_in_session
HAVING COUNT(*) > 1
