-- unique: values of [[column]] written by this batch that more than one row of [[table]] holds
-- (counted over the whole table: a duplicate of an older row is still a duplicate).
SELECT u.[[column]]
FROM [[table]] u
WHERE u.[[column]] IN (
  SELECT t.[[column]] FROM [[table]] t
  WHERE EXISTS (SELECT 1 FROM [[from]] b WHERE b.[[from_column]] = t.[[key]])
)
GROUP BY u.[[column]]
HAVING COUNT(*) > 1
