-- not_null: the batch's rows of [[table]] whose [[column]] is NULL.
SELECT t.[[key]]
FROM [[table]] t
WHERE t.[[column]] IS NULL
  AND EXISTS (SELECT 1 FROM [[from]] b WHERE b.[[from_column]] = t.[[key]])
