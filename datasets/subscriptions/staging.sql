-- Staging table of one subscriptions batch; COPY fills it by position (the header order).
DROP TABLE IF EXISTS {{staging}};
CREATE TABLE {{staging}} (
  subscription_id  INTEGER,
  user_id          INTEGER,
  level            VARCHAR(16),
  plan             VARCHAR(32),
  started_on       DATE,
  changed_at       TIMESTAMP,
  amount           DECIMAL(8,2)
) DISTSTYLE EVEN;
