/**
 * `@adt/adt`: the ADT domain as pure functions — HL7 time parsing, the
 * business-day clocks and the follow-up routing rules. No I/O.
 */
export type { AdtEventInput } from './adt-event.js';
export { DEFAULT_OBSERVATION_CODES, isEdVisit, isInpatientLikeDischarge } from './adt-event.js';
export type { BusinessCalendar } from './business-days.js';
export {
  dispositionLabel,
  followUpKindLabel,
  followUpStatusLabel,
  localIsoTime,
  priorityLabel,
  riskFlagLabel,
} from './follow-up-labels.js';
export type { CensusClass, CensusEncounter, CensusFollowUp, NoFollowUpReason } from './census.js';
export {
  ED_STAY_WITHOUT_DISCHARGE_MS,
  censusClassOf,
  censusFollowUpKind,
  isInHospital,
  noFollowUpReason,
  postAcuteDestination,
  reasonForVisit,
  stayEndedAt,
} from './census.js';
export {
  addBusinessDays,
  addCalendarDays,
  endOfLocalDay,
  isBusinessDay,
  localDate,
} from './business-days.js';
export type {
  ActionPerson,
  CareActionDecision,
  CareActionRefusal,
  CareActionRefusalCode,
  CareActionRequest,
  CareActionType,
  CloseOutcome,
  FollowUpActionState,
  StatusEffect,
} from './care-action-rules.js';
export {
  CARE_ACTION_TYPES,
  CLOSE_OUTCOMES,
  UNREACHABLE_MIN_ATTEMPTS,
  decideCareAction,
} from './care-action-rules.js';
export type { CharlsonGroup, CodedDiagnosis } from './charlson.js';
export { charlsonGroups, charlsonIndex } from './charlson.js';
export type { DispositionGroup } from './disposition.js';
export { classifyDisposition, describeHandOff, normalizeDispositionCode } from './disposition.js';
export { InvalidLocalDateError, InvalidTimeZoneError } from './errors.js';
export type { EncounterEvent, EncounterReplay, EncounterReplayInput } from './encounter-replay.js';
export { replayEncounter, ruleInputFor } from './encounter-replay.js';
export type {
  CancelReason,
  ExistingFollowUp,
  FollowUpEffect,
  FollowUpKind,
  FollowUpStatus,
  FollowUpValues,
  Priority,
  StoredFollowUp,
} from './follow-up.js';
export { duplicateFollowUpsToRetire } from './follow-up-merge.js';
export { isActiveFollowUp } from './follow-up.js';
export {
  DISCHARGE_CALL_BUSINESS_DAYS,
  ED_VISIT_CALL_BUSINESS_DAYS,
  HIGH_PRIORITY_VISIT_CALENDAR_DAYS,
  NORMAL_PRIORITY_VISIT_CALENDAR_DAYS,
  dischargeCallDueAt,
  edVisitCallDueAt,
  visitDueBy,
} from './follow-up-clock.js';
export { planFollowUpEffects } from './follow-up-rules.js';
export { parseHl7Date, parseHl7Timestamp } from './hl7-time.js';
export type { EdVisit, LacePoints, RiskAssessment, RiskFlag, RiskInput } from './lace.js';
export {
  ACUTE_ADMISSION_POINTS,
  ED_TO_ADMISSION_WINDOW_MS,
  FREQUENT_ED_VISITS_PER_YEAR,
  LACE_HIGH_RISK_THRESHOLD,
  assessRisk,
  comorbidityPoints,
  edVisitPoints,
  lengthOfStayDays,
  lengthOfStayPoints,
  prioritizeByRisk,
} from './lace.js';
export type { StayFields, StayLimits } from './readmission.js';
export {
  ED_STAY_LIMIT_HOURS,
  READMISSION_WINDOW_DAYS,
  STAY_LIMITS,
  changesHospitalStay,
  isFollowUpOverdue,
  isReadmission,
} from './readmission.js';
export type { RulesConfig } from './rule-context.js';
export { assertTimeZone } from './time-zone.js';
export type { InterfaceSpecFacility, InterfaceSpecSettings } from './interface-spec.js';
export { INTERFACE_EVENTS, buildInterfaceSpec } from './interface-spec.js';
export type { SampleMessage } from './interface-samples.js';
export { interfaceSampleMessages } from './interface-samples.js';
export type {
  BindingRefusal,
  CertificateBinding,
  ClientCertificate,
  FacilityMode,
  ProcessingId,
} from './facility-interface.js';
export {
  PROCESSING_IDS,
  certificateMatches,
  checkSenderBinding,
  isBound,
  isFacilityTimeZone,
  isSandboxMessage,
  normalizeFingerprint,
  parseProcessingIds,
} from './facility-interface.js';
export type { VisitDiagnosis, VisitState } from './visit-state.js';
export { EMPTY_VISIT_STATE, foldVisitState } from './visit-state.js';
export type { TeamChoice, TeamRoutingInput, TeamRule } from './team-routing.js';
export { chooseTeam, orderTeamRules, teamRuleMatches } from './team-routing.js';
export type { MeasureId, MeasureRate } from './measure-rules.js';
export {
  ED_CONTACT_WINDOW_DAYS,
  MAX_MEASURE_PERIOD_DAYS,
  MEASURE_IDS,
  MED_REC_WINDOW_DAYS,
  READMISSION_EXCLUDED_DISPOSITIONS,
  TCM_TIMELY_ATTEMPTS,
  VISIT_WINDOW_DAYS,
  isMeasureId,
  isReadmissionProvisional,
  nearestRankPercentile,
  rateOf,
} from './measure-rules.js';
export type { ReportPeriod } from './report-period.js';
export { previousPeriod } from './report-period.js';
export type {
  TcmCareAction,
  TcmCode,
  TcmContact,
  TcmMedRec,
  TcmMissing,
  TcmReadiness,
  TcmReadinessInput,
  TcmStatus,
  TcmVisit,
} from './tcm-readiness.js';
export { TCM_CODES, TCM_MISSING, TCM_STATUSES, tcmReadiness } from './tcm-readiness.js';
export type { MeasureTarget } from './measure-targets.js';
export { MEASURE_TARGETS } from './measure-targets.js';
export type { DateRange, ReportInterval } from './report-buckets.js';
export { REPORT_INTERVALS, reportBuckets } from './report-buckets.js';
export type { EscalationCandidate, EscalationResolution } from './escalation-rules.js';
export {
  DEFAULT_ESCALATE_OVERDUE_AFTER_MINUTES,
  ESCALATION_RESOLUTIONS,
  escalationCutoff,
  escalationResolutionOf,
  shouldEscalate,
} from './escalation-rules.js';
export type { NameParts } from './person-name.js';
export { displayClinicianName, displayNameCase, displayPersonName } from './person-name.js';
export type { AdmittingDiagnosis, PrimaryCareProvider } from './call-context.js';
export {
  DEFAULT_PRACTICE_LANGUAGES,
  admittingDiagnosisOf,
  isInterpreterNeeded,
  normalizeLanguage,
  primaryCareProviderOf,
} from './call-context.js';
export type { Vocabulary } from './vocabulary.js';
export { TCM_CONTACT_BUSINESS_DAYS, vocabulary } from './vocabulary.js';
export type { EncounterKeyInput, IdentifierInput } from './visit-identity.js';
export { encounterKey, identifierKey, qualifyIdentifier, rekeyForPatient } from './visit-identity.js';
export type { CancelVisitInput, CancelVisitLookup, PendingVisit, UnknownVisit } from './cancel-visit.js';
export { findUnknownCancelledVisit } from './cancel-visit.js';
