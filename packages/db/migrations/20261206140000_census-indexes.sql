-- Up Migration

-- The census reads encounters with an event in the last days, and the stays still open whatever
-- their age: a bitmap OR over these two indexes finds both without reading the whole table.
CREATE INDEX encounters_last_event ON encounters (last_event_at);
CREATE INDEX encounters_open ON encounters (id) WHERE discharged_at IS NULL AND merged_into IS NULL;
