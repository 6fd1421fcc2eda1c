-- Upsert on subscription_id: the latest change of a subscription in the batch replaces the stored row.
CREATE TEMP TABLE batch_subscriptions AS
SELECT subscription_id, user_id, level, plan, started_on, changed_at, amount
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY subscription_id ORDER BY changed_at DESC, level, plan) AS rn
  FROM {{staging}}
  WHERE subscription_id IS NOT NULL
) s
WHERE rn = 1;

DELETE FROM subscriptions USING batch_subscriptions b WHERE subscriptions.subscription_id = b.subscription_id;

INSERT INTO subscriptions (subscription_id, user_id, level, plan, started_on, changed_at, amount)
SELECT subscription_id, user_id, level, plan, started_on, changed_at, amount FROM batch_subscriptions;
