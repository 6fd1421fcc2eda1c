-- Paid subscriptions of this batch that carry no amount.
SELECT s.subscription_id
FROM subscriptions s
JOIN batch_subscriptions b ON b.subscription_id = s.subscription_id
WHERE s.level = 'paid' AND s.amount IS NULL
