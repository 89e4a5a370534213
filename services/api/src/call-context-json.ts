/**
 * The call context in the follow-up JSON: what the messages said about reaching and helping the
 * patient, with names in normal case and the rules of `@adt/adt` applied (interpreter, PCP,
 * admitting diagnosis).
 */
import { z } from 'zod';
import {
  admittingDiagnosisOf,
  displayClinicianName,
  displayPersonName,
  isInterpreterNeeded,
  primaryCareProviderOf,
} from '@adt/adt';
import type { StoredCallContext } from '@adt/db';

const codedSchema = z.object({ code: z.string(), text: z.string(), codingSystem: z.string() });

const phoneSchema = z.object({
  number: z
    .string()
    .describe('As sent: XTN.1, else area code + number (+ extension), else XTN.12 or the e-mail'),
  use: z.string().describe('XTN.2 use code: PRN home, WPN work, ORN other, EMR emergency, NET e-mail'),
  equipment: z.string().describe('XTN.3 equipment: PH telephone, CP cell phone, FX fax, Internet'),
  field: z.enum(['PID-13', 'PID-14', 'NK1-5', 'NK1-6']).describe('Where it was sent'),
});

/** What the patient object carries besides identity and demographics. */
export const patientContextShape = {
  phones: z
    .array(phoneSchema)
    .describe(
      'Every PID-13 (home) then PID-14 (business) repetition that carries a number, in message order',
    ),
  contacts: z
    .array(
      z.object({
        name: z.string().describe('NK1-2 in normal case'),
        relationship: codedSchema.describe('NK1-3, e.g. SPO spouse, DAU daughter (HL7 table 0063)'),
        phones: z.array(phoneSchema).describe('NK1-5 and NK1-6'),
      }),
    )
    .describe('Next of kin and other contacts (NK1)'),
  language: codedSchema.nullable().describe('Preferred language (PID-15); null when never sent'),
  interpreterNeeded: z
    .boolean()
    .describe(
      'PID-15 was sent and neither its code nor its text is one of `PRACTICE_LANGUAGE` (default en, eng, english; en-US counts as en)',
    ),
  address: z
    .object({
      street: z.string(),
      other: z.string(),
      city: z.string(),
      state: z.string(),
      postalCode: z.string(),
      country: z.string(),
    })
    .nullable()
    .describe('PID-11: the home repetition (XAD.7 = H) when marked, else the first; as sent'),
  primaryCareProvider: z
    .object({ name: z.string(), source: z.enum(['roster', 'PD1-4']) })
    .nullable()
    .describe("The practice roster's PCP when it names one, else PD1-4 from the messages"),
  coverages: z
    .array(
      z.object({
        planId: z.string().describe('IN1-2.1'),
        planName: z.string().describe('IN1-2.2'),
        companyName: z.string().describe('IN1-4'),
        policyNumber: z.string().describe('IN1-36, else IN1-49 (insured’s id number)'),
        groupNumber: z.string().describe('IN1-8'),
      }),
    )
    .describe('Payer and plan (IN1 segments in message order: the first is the primary coverage)'),
};

/** What the encounter object carries besides the visit. */
export const encounterContextShape = {
  reasonForVisit: codedSchema.nullable().describe('PV2-3 admit reason; null when never sent'),
  admittingDiagnosis: codedSchema
    .extend({ source: z.enum(['DG1', 'PV2-3']) })
    .nullable()
    .describe('The first DG1 with DG1-6 = A (admitting), else the PV2-3 admit reason'),
  attending: z
    .object({
      id: z.string().describe('PV1-7.1'),
      name: z.string().describe('In normal case, with the degree'),
    })
    .nullable()
    .describe('Attending doctor (PV1-7)'),
};

type PatientContextJson = z.infer<z.ZodObject<typeof patientContextShape>>;
type EncounterContextJson = z.infer<z.ZodObject<typeof encounterContextShape>>;

/**
 * The patient part of the call context.
 * @param context - as stored
 * @param practiceLanguages - `PRACTICE_LANGUAGE`
 */
export function toPatientContextJson(
  context: StoredCallContext,
  practiceLanguages: ReadonlySet<string>,
): PatientContextJson {
  const language = context.language ? { code: context.language.code, text: context.language.text } : null;
  return {
    phones: context.phones,
    contacts: context.contacts.map((c) => ({
      name: displayPersonName(c.name),
      relationship: c.relationship,
      phones: c.phones,
    })),
    language: context.language,
    interpreterNeeded: language !== null && isInterpreterNeeded(language, practiceLanguages),
    address: context.address,
    primaryCareProvider: primaryCareProviderOf(context.rosterPcp, context.primaryCareProvider),
    coverages: context.coverages,
  };
}

/**
 * The encounter part of the call context.
 * @param context - as stored
 */
export function toEncounterContextJson(context: StoredCallContext): EncounterContextJson {
  const none = { code: '', text: '', codingSystem: '' };
  const attending = context.attending;
  return {
    reasonForVisit: context.reasonForVisit,
    admittingDiagnosis: admittingDiagnosisOf(context.admittingDiagnoses, context.reasonForVisit ?? none),
    attending: attending ? { id: attending.id, name: displayClinicianName(attending) || attending.id } : null,
  };
}
