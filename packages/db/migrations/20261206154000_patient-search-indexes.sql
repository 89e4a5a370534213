-- Up Migration
-- Finding a patient by what a navigator types (GET /api/follow-ups?q=): a name's prefix in any
-- case, an MRN's prefix, or the last digits of a phone number. text_pattern_ops lets a
-- left-anchored LIKE use the index whatever the database's collation; the phone is indexed by its
-- digits reversed, so "ends with these digits" is a prefix.
CREATE INDEX patients_search_family ON patients (lower(family_name) text_pattern_ops);
CREATE INDEX patients_search_given ON patients (lower(given_name) text_pattern_ops);
CREATE INDEX patients_search_mrn ON patients (upper(mrn) text_pattern_ops);
CREATE INDEX patients_search_phone ON patients (reverse(regexp_replace(phone, '[^0-9]', '', 'g')) text_pattern_ops);
