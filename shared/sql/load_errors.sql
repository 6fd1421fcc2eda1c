-- Row errors of one COPY, first per file and line: what the quarantine needs to name the cause.
SELECT TRIM(file_name) AS file_name, line_number, TRIM(column_name) AS column_name, error_code,
       TRIM(error_message) AS error_message
FROM sys_load_error_detail
WHERE query_id = CAST(:query_id AS BIGINT)
ORDER BY file_name, line_number
