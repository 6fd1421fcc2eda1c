-- The example's target table, created before its first load.
CREATE TABLE IF NOT EXISTS public.subscriptions (
  subscription_id  INTEGER,
  user_id          INTEGER,
  level            VARCHAR(16),
  plan             VARCHAR(32),
  started_on       DATE,
  changed_at       TIMESTAMP,
  amount           DECIMAL(8,2)
);
