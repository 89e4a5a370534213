/**
 * Rules for what a navigator sees before a call: whether an interpreter is needed, which
 * diagnosis is the admitting one and who the patient's primary care provider is.
 */
import type { Clinician, CodedValue } from '@adt/hl7';
import { displayClinicianName } from './person-name.js';

/** `PRACTICE_LANGUAGE`'s default: English as PID-15 senders write it (ISO 639-1, 639-2, name). */
export const DEFAULT_PRACTICE_LANGUAGES: ReadonlySet<string> = new Set(['en', 'eng', 'english']);

/**
 * A language code or name compared by its primary subtag: `en-US`, `EN_us` and `en` are one.
 * @param value - a PID-15 code or text, or a `PRACTICE_LANGUAGE` entry
 */
export function normalizeLanguage(value: string): string {
  return value.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

/**
 * Whether the patient needs an interpreter: their preferred language (PID-15) was sent and
 * neither its code nor its text is one of the practice's language codes or names. Nothing sent
 * means nothing known: no flag.
 * @param language - PID-15 as stored
 * @param practiceLanguages - `PRACTICE_LANGUAGE`: codes and names, compared as {@link normalizeLanguage} reads them
 */
export function isInterpreterNeeded(
  language: Pick<CodedValue, 'code' | 'text'>,
  practiceLanguages: ReadonlySet<string>,
): boolean {
  const said = [language.code, language.text].map(normalizeLanguage).filter((value) => value !== '');
  const practice = new Set([...practiceLanguages].map(normalizeLanguage));
  return said.length > 0 && !said.some((value) => practice.has(value));
}

/** The diagnosis the stay began with, and where it came from. */
export interface AdmittingDiagnosis extends CodedValue {
  /** `DG1`: a diagnosis of type A (admitting); `PV2-3`: the admit reason, when no DG1 is. */
  source: 'DG1' | 'PV2-3';
}

/**
 * The admitting diagnosis: the first DG1 of type A, else the PV2-3 admit reason.
 * @param admittingDiagnoses - DG1 segments with DG1-6 = A, in message order
 * @param reasonForVisit - PV2-3
 * @returns null when the messages said neither
 */
export function admittingDiagnosisOf(
  admittingDiagnoses: readonly CodedValue[],
  reasonForVisit: CodedValue,
): AdmittingDiagnosis | null {
  const first = admittingDiagnoses[0];
  if (first) return { ...first, source: 'DG1' };
  if (reasonForVisit.code === '' && reasonForVisit.text === '') return null;
  return { ...reasonForVisit, source: 'PV2-3' };
}

/** The patient's primary care provider and where the name came from. */
export interface PrimaryCareProvider {
  name: string;
  /** `roster`: the practice's own attribution; `PD1-4`: what the hospital has on file. */
  source: 'roster' | 'PD1-4';
}

/**
 * The primary care provider: the practice roster's attribution when it names one (the practice
 * knows its own panel better than the hospital), else PD1-4 from the messages.
 * @param rosterPcp - the roster entry's PCP, '' when off the roster or not named
 * @param fromMessages - PD1-4 as stored
 */
export function primaryCareProviderOf(
  rosterPcp: string,
  fromMessages: Clinician | null,
): PrimaryCareProvider | null {
  if (rosterPcp.trim() !== '') return { name: rosterPcp.trim(), source: 'roster' };
  const name = fromMessages ? displayClinicianName(fromMessages) || fromMessages.id : '';
  return name === '' ? null : { name, source: 'PD1-4' };
}
