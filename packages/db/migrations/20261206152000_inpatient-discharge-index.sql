-- Up Migration

-- Inpatient discharges by time: the readmission measure's index discharges of a period (and the
-- drill-down of a month) start from them instead of reading every encounter, most of which are ED,
-- outpatient and open stays. A 12-month report reads most of them and scans the table anyway.
CREATE INDEX encounters_inpatient_discharged ON encounters (discharged_at)
  WHERE patient_class = 'I' AND merged_into IS NULL;
