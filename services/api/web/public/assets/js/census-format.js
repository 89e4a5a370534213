// @ts-check
// How the census words its classes and reasons. Pure functions (no DOM), unit-tested in web/test.

/** @type {Record<string, string>} */
const CENSUS_CLASSES = { inpatient: 'Inpatient', observation: 'Observation', emergency: 'ED' };

/**
 * The census class for people, else the raw patient class.
 * @param {string | null} censusClass - inpatient | observation | emergency, or null
 * @param {string} patientClass - PV1-2 as sent
 */
export function censusClassLabel(censusClass, patientClass) {
  if (censusClass) return CENSUS_CLASSES[censusClass] ?? censusClass;
  return patientClass ? `Class ${patientClass}` : 'Class not sent';
}

/** @type {Record<string, string>} */
const NO_FOLLOW_UP_REASONS = {
  in_hospital: 'Still in hospital: the discharge brings the follow-up',
  expired: 'Patient died',
  cancelled: 'Visit cancelled',
  not_eligible_class: 'Not an inpatient, observation or ED stay',
  not_attributed: 'Not on the roster',
  post_acute: 'Went to post-acute care: call when they leave',
  hospice: 'Discharged to hospice',
  law_enforcement: 'Discharged to law enforcement',
  admitted: 'ED visit became an admission',
  discharge_cancelled: 'Discharge cancelled',
  merged: 'Merged into another record',
  unexplained: 'No rule explains it: ask operations',
};

/**
 * Why an encounter has no follow-up, for people.
 * @param {string} reason - the API's reason code
 */
export function noFollowUpReasonLabel(reason) {
  return NO_FOLLOW_UP_REASONS[reason] ?? reason.replaceAll('_', ' ');
}

/**
 * An assigned location (PV1-3, point of care^room^bed^facility) for people: "3EAST, room 301, bed A".
 * @param {string} location - PV1-3 as sent
 */
export function locationLabel(location) {
  const [unit = '', room = '', bed = ''] = location.split('^').map((part) => part.trim());
  return [unit, room && `room ${room}`, bed && `bed ${bed}`].filter(Boolean).join(', ');
}
