/**
 * Test feeds are processed in their own identity namespace: every identifier that keys a stored
 * patient, encounter or account is prefixed, so a test message that reuses a real MRN or visit
 * number (test systems often copy production data) can never update, merge, discharge or cancel
 * anything live, and a live message never lands on sandbox data.
 */
import type { AdtMessage, AdtVisit, PatientIdentifier } from './adt-message.js';
import type { MergeGroup } from './merge-groups.js';

/** The prefix of sandbox identities: assigning authorities, visit and account numbers. */
export const SANDBOX_PREFIX = 'sandbox:';

const prefixed = (value: string): string => (value === '' ? '' : `${SANDBOX_PREFIX}${value}`);

/**
 * An identifier in the sandbox namespace. An empty assigning authority stands for the sending
 * facility (routing spec, Identity), so it is filled in before the prefix.
 * @param identifier - a PID-3 or MRG-1 repetition
 * @param sendingFacility - MSH-4
 */
export function sandboxIdentifier(identifier: PatientIdentifier, sendingFacility: string): PatientIdentifier {
  return { ...identifier, assigningAuthority: prefixed(identifier.assigningAuthority || sendingFacility) };
}

/**
 * A visit number in the sandbox namespace ('' stays '').
 * @param visitNumber - PV1-19 or MRG-5
 */
export function sandboxVisitNumber(visitNumber: string): string {
  return prefixed(visitNumber);
}

/**
 * The same message with its identities in the sandbox namespace: PID-3 and MRG-1 assigning
 * authorities, PV1-19, PID-18, MRG-3 and MRG-5. Everything else (times, classes, dispositions,
 * diagnoses, the sending facility) is unchanged, so the rules decide exactly as for a live message.
 * @param adt - the parsed message
 */
export function sandboxAdtMessage(adt: AdtMessage): AdtMessage {
  const facility = adt.header.sendingFacility;
  const identifiers = (list: readonly PatientIdentifier[]) =>
    list.map((id) => sandboxIdentifier(id, facility));
  const visit = (v: AdtVisit | null): AdtVisit | null =>
    v === null ? null : { ...v, visitNumber: sandboxVisitNumber(v.visitNumber) };
  const group = (g: MergeGroup): MergeGroup => ({
    ...g,
    patient: { ...g.patient, identifiers: identifiers(g.patient.identifiers) },
    visit: visit(g.visit),
    priorIdentifiers: identifiers(g.priorIdentifiers),
    accountNumber: prefixed(g.accountNumber),
    priorAccountNumber: prefixed(g.priorAccountNumber),
    priorVisitNumber: sandboxVisitNumber(g.priorVisitNumber),
  });
  return {
    ...adt,
    patient: { ...adt.patient, identifiers: identifiers(adt.patient.identifiers) },
    visit: visit(adt.visit),
    priorIdentifiers: identifiers(adt.priorIdentifiers),
    accountNumber: prefixed(adt.accountNumber),
    priorAccountNumber: prefixed(adt.priorAccountNumber),
    priorVisitNumber: sandboxVisitNumber(adt.priorVisitNumber),
    mergeGroups: adt.mergeGroups.map(group),
  };
}
