-- accepted_values: the batch's rows of [[table]] whose [[column]] is set to a value off the list.
SELECT t.[[column]]
FROM [[table]] t
WHERE t.[[column]] IS NOT NULL
  AND t.[[column]] NOT IN ([[values]])
  AND EXISTS (SELECT 1 FROM [[from]] b WHERE b.[[from_column]] = t.[[key]])
