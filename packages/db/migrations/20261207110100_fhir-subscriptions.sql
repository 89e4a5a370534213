-- Up Migration

-- FHIR R4 topic-based Subscriptions (Subscriptions Backport IG, rest-hook channel) share the
-- webhook outbox, deliveries and queue; only the channel, what a notification looks like and how
-- it is authenticated differ (docs/webhooks.md#fhir-subscriptions).
ALTER TABLE webhook_subscriptions
  ADD COLUMN channel text NOT NULL DEFAULT 'webhook' CHECK (channel IN ('webhook', 'fhir-rest-hook')),
  -- The topic's canonical URL, the payload content and the headers the subscriber asked for (they
  -- often carry its credentials: erased with the secret on delete), the server base its
  -- references are made from, and the Subscription resource as it was accepted.
  ADD COLUMN fhir_topic text,
  ADD COLUMN fhir_payload text CHECK (fhir_payload IN ('empty', 'id-only')),
  ADD COLUMN fhir_headers text[] NOT NULL DEFAULT '{}',
  ADD COLUMN fhir_base text,
  ADD COLUMN fhir_resource jsonb,
  ADD CONSTRAINT webhook_subscriptions_fhir CHECK (
    (channel = 'fhir-rest-hook') = (fhir_topic IS NOT NULL AND fhir_payload IS NOT NULL AND fhir_base IS NOT NULL));
