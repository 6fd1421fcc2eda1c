-- relationships: the batch's rows of [[table]] whose [[column]] has no row in [[to]] ([[field]]).
SELECT t.[[column]]
FROM [[table]] t
WHERE t.[[column]] IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM [[to]] r WHERE r.[[field]] = t.[[column]])
  AND EXISTS (SELECT 1 FROM [[from]] b WHERE b.[[from_column]] = t.[[key]])
