-- Up Migration

-- A feed is a sending facility with accepted traffic (answered AA/CA: every status but `rejected`).
-- Refused messages, whatever MSH-4 they carry, make no feed and raise no feed-silent alert; the
-- skip scan over this index visits only facilities that had a message accepted.
CREATE INDEX inbound_messages_facility_accepted ON inbound_messages (sending_facility, received_at DESC)
  WHERE status <> 'rejected';
