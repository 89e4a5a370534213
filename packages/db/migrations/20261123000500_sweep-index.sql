-- Up Migration

-- The enqueue sweep pages through unprocessed messages by id.
CREATE INDEX inbound_messages_unprocessed_id ON inbound_messages (id) WHERE status = 'received';
