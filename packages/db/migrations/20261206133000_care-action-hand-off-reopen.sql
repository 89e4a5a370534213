-- Up Migration

-- `hand_off` passes a follow-up to a colleague on its team; `reopen` undoes a close (the close stays
-- in the log: actions are append-only).
ALTER TABLE care_actions DROP CONSTRAINT care_actions_type_check;
ALTER TABLE care_actions ADD CONSTRAINT care_actions_type_check
  CHECK (type IN ('contact_attempt', 'contact_made', 'appointment_scheduled', 'med_reconciliation',
                  'note', 'close', 'claim', 'hand_off', 'reopen'));

-- Who held the follow-up before a take-over or a hand-off, and who received a hand-off (actors, as
-- in `actor`). The holder of a follow-up is the actor of its latest claim or the receiver of its
-- latest hand-off, whichever came last.
ALTER TABLE care_actions
  ADD COLUMN previous_holder text,
  ADD COLUMN handed_to text,
  ADD CONSTRAINT care_actions_handed_to CHECK ((type = 'hand_off') = (handed_to IS NOT NULL));
