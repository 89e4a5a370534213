/**
 * The interface specification sheet for one sending facility: what a hospital's interface analyst
 * needs to build the ADT feed (events, fields, ACKs, connection, the facility's settings, test
 * steps with sample messages). Generated from the product's own tables (the event labels, the
 * field list of `@adt/hl7`, the ACK error codes, the configuration), so it changes when they do.
 * Served by `adt interface-spec <facility>` and the admin page.
 */
import { ADT_FIELD_USES, mergeScopeOf, type AdtFieldNeed } from '@adt/hl7';
import type { FacilityMode } from './facility-interface.js';
import { interfaceSampleMessages } from './interface-samples.js';
import { vocabulary } from './vocabulary.js';

/** What the sheet says about the facility. */
export interface InterfaceSpecFacility {
  code: string;
  displayName: string;
  timeZone: string | null;
  processingIds: readonly string[] | null;
  certificateSubject: string | null;
  certificateFingerprint: string | null;
  ackModeNotes: string;
  mode: FacilityMode;
}

/**
 * The installation's settings the sheet quotes: the shape of the validated configuration's
 * `practice` and `mllp` sections, so a caller passes its config as it is.
 */
export interface InterfaceSpecSettings {
  practice: { timeZone: string; observationCodes: ReadonlySet<string> };
  mllp: {
    port: number;
    /** Null: plain TCP. */
    tls: { requireClientCert: boolean } | null;
    maxFrameBytes: number;
    idleTimeoutMs: number;
    processingIds: ReadonlySet<string>;
    /** Empty: any facility. */
    allowedFacilities: ReadonlySet<string>;
  };
}

/** How each event is handled: the routing rules (`follow-up-rules.ts`) in words. */
const EVENT_EFFECTS: Readonly<Record<string, string>> = {
  A01: 'With PV1-2 = E: ED visit follow-up ("in ED now"). Inpatient: cancels an open ED visit follow-up (admitted).',
  A02: 'Location kept; an inpatient transfer cancels an open ED visit follow-up.',
  A03: `Inpatient or observation: discharge follow-up (${vocabulary().rules.dischargeDeadlineText}) ED: ED visit follow-up due the next business day. PV1-36 decides hand-offs, deaths and AMA.`,
  A04: 'With PV1-2 = E: ED visit follow-up. Other registrations: state only.',
  A05: 'State only.',
  A06: 'Cancels an open ED visit follow-up (admitted).',
  A07: 'State only.',
  A08: 'Updates the visit and its follow-up (disposition, discharge time, diagnoses, demographics); never a second follow-up.',
  A11: 'Cancels the visit\u2019s follow-ups. An A11 for a visit never received gets AE "no such visit".',
  A12: 'State only.',
  A13: 'Cancels the discharge follow-up, or flags it when work was logged.',
  A21: 'State only.',
  A22: 'State only.',
  A28: 'Demographics only.',
  A31: 'Demographics only.',
  A34: 'Merge: records of MRG-1 move to PID-3.',
  A18: 'Merge: records of MRG-1 move to PID-3.',
  A39: 'Merge: records of MRG-1 move to PID-3.',
  A40: 'Merge: records of MRG-1 move to PID-3.',
  A41: 'Account merge: MRG-3 becomes PID-18.',
  A42: 'Visit merge: MRG-5 becomes PV1-19.',
  A47: 'Identifier change: MRG-1 becomes PID-3.',
};

/** Events the sheet lists: every event the product names, then the merges. */
export const INTERFACE_EVENTS: readonly string[] = [
  ...new Set([...Object.keys(vocabulary().events), ...Object.keys(EVENT_EFFECTS)]),
].sort();

/** What an ACK code means here (interfaces spec, "MLLP / ACK"). */
const ACK_CODES: readonly (readonly [string, string])[] = [
  [
    'AA / CA',
    'Stored durably (committed). A resend of the same message (MSH-3, MSH-4, MSH-10 and content) gets AA again and is processed once.',
  ],
  [
    'AE / CE',
    'Readable but the content cannot be applied (e.g. no PID-3, an A11 for an unknown visit). Fix the message; resending it unchanged gets the same answer.',
  ],
  [
    'AR / CR',
    'Refused: unreadable MSH, not ADT, unsupported version, processing id not accepted, facility or certificate not allowed, or the receiver cannot store it now (resend later).',
  ],
];

/** HL7 table 0357 codes the ERR segment carries here. */
const ERROR_CODES: readonly (readonly [string, string])[] = [
  ['100', 'Segment sequence error (an empty batch)'],
  ['101', 'Required field missing (MSH field, PID-3, MRG-1, trigger event)'],
  ['102', 'Data type error (unreadable value, control character, identifier over 199 characters)'],
  ['200', 'Unsupported message type (not ADT)'],
  ['202', 'Unsupported processing id (MSH-11)'],
  ['203', 'Unsupported version id (MSH-12)'],
  ['204', 'Unknown key identifier (A11 for a visit never received)'],
  [
    '207',
    'Application error: sending facility or TLS client certificate not allowed, or the store is unavailable',
  ],
];

const NEED_ORDER: readonly AdtFieldNeed[] = ['required', 'recommended', 'optional'];

const table = (header: readonly string[], rows: readonly (readonly string[])[]): string[] => [
  `| ${header.join(' | ')} |`,
  `|${header.map(() => '---').join('|')}|`,
  ...rows.map((row) => `| ${row.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`),
];

/**
 * The interface sheet of a facility, as Markdown.
 * @param facility - the facility and its settings
 * @param settings - the installation's settings
 * @param at - when the sheet is generated (dates the samples)
 */
export function buildInterfaceSpec(
  facility: InterfaceSpecFacility,
  settings: InterfaceSpecSettings,
  at: Date,
): string {
  const { mllp } = settings;
  const processingIds = facility.processingIds ?? [...mllp.processingIds];
  // Samples go to the sandbox: as training messages when T is accepted, else the facility is in
  // test mode for its test run (step 1).
  const sampleId = processingIds.includes('T') ? 'T' : (processingIds[0] ?? 'P');
  const binding = [
    facility.certificateSubject === null ? null : `subject CN \`${facility.certificateSubject}\``,
    facility.certificateFingerprint === null
      ? null
      : `SHA-256 fingerprint \`${facility.certificateFingerprint}\``,
  ].filter((part) => part !== null);
  const labels = vocabulary().events;
  const lines: string[] = [
    `# ADT interface specification: ${facility.displayName} (${facility.code})`,
    '',
    `Generated ${at.toISOString()} from the receiving system's own settings. Send HL7 v2 ADT messages over MLLP; every message is acknowledged.`,
    '',
    '## This facility',
    '',
    ...table(
      ['Setting', 'Value'],
      [
        ['Sending facility (MSH-4)', `\`${facility.code}\``],
        [
          'Feed mode',
          facility.mode === 'test' ? 'test: messages go to the sandbox, nobody is called' : 'live',
        ],
        [
          'Time zone of timestamps without an offset',
          facility.timeZone ?? `${settings.practice.timeZone} (the practice's; not set for this facility)`,
        ],
        [
          'Accepted processing ids (MSH-11)',
          `${processingIds.join(', ')}${facility.processingIds === null ? ' (installation default)' : ''}`,
        ],
        [
          'TLS client certificate',
          binding.length > 0 ? binding.join(' and ') : 'not bound: any certificate the receiver trusts',
        ],
        ['ACK handling notes', facility.ackModeNotes.trim() === '' ? '(none)' : facility.ackModeNotes.trim()],
      ],
    ),
    '',
    '## Connection',
    '',
    ...table(
      ['Setting', 'Value'],
      [
        ['Transport', 'MLLP: each message framed as 0x0B, message, 0x1C 0x0D'],
        ['Port', String(mllp.port)],
        [
          'TLS',
          mllp.tls === null
            ? 'off (plain TCP)'
            : mllp.tls.requireClientCert
              ? 'TLS 1.2 or later, mutual TLS: a client certificate from the receiver\u2019s CA is required'
              : 'TLS 1.2 or later; a client certificate is optional',
        ],
        ['Largest message', `${mllp.maxFrameBytes} bytes`],
        ['Idle connection closed after', `${Math.round(mllp.idleTimeoutMs / 1000)} s`],
        [
          'Sending facilities accepted',
          mllp.allowedFacilities.size === 0 ? 'any' : [...mllp.allowedFacilities].join(', '),
        ],
        ['Pipelining', 'several messages may be in flight on one connection; ACKs come back in order'],
        [
          'Batches',
          'FHS/BHS batches accepted; each message is handled as if sent alone, answered with one batch ACK',
        ],
        ['Segment separator', 'CR; LF and CR LF are tolerated'],
      ],
    ),
    '',
    '## Events',
    '',
    ...table(
      ['Event', 'Name', 'What it does'],
      INTERFACE_EVENTS.map((event) => [
        event,
        labels[event] ?? (mergeScopeOf(event) !== null ? 'Merge' : ''),
        EVENT_EFFECTS[event] ?? 'State only.',
      ]),
    ),
    '',
    'Other ADT events are stored and kept on the visit. Non-ADT messages get AR.',
    '',
    '## Fields',
    '',
    `Observation stays are recognised by PV1-10 or PV1-18 = ${[...settings.practice.observationCodes].join(', ')}.`,
    '',
    ...table(
      ['Field', 'Name', 'Need', 'What it drives'],
      NEED_ORDER.flatMap((need) =>
        ADT_FIELD_USES.filter((f) => f.need === need).map((f) => [f.field, f.name, need, f.drives]),
      ),
    ),
    '',
    '## Acknowledgments',
    '',
    'Original mode unless MSH-15/MSH-16 ask for enhanced mode. AA (or CA) is sent only after the message is stored. Negative ACKs carry MSA-3 text a person can act on and an ERR segment.',
    '',
    ...table(['Code', 'Meaning'], ACK_CODES),
    '',
    ...table(['ERR-3 (HL7 table 0357)', 'When'], ERROR_CODES),
    '',
    '## Test steps',
    '',
    `1. Ask the practice to put ${facility.code} in test mode (\`adt facility set ${facility.code} --mode test\`), or send MSH-11 = T${processingIds.includes('T') ? '' : ' (the practice must first accept T for this facility)'}. Test messages never reach the practice's worklists, reports or notifications.`,
    '2. Send the samples below in order, on one connection, and check each ACK.',
    '3. The practice checks the sandbox page (Operations \u2192 Sandbox): each message and the follow-ups it would have created.',
    '4. Send your own test cases: deaths (PV1-36 = 20), transfers to skilled nursing (PV1-36 = 03), A08 updates, merges.',
    `5. Go live: the practice sets \`--mode live\`; send MSH-11 = P.`,
    '',
  ];
  for (const [index, sample] of interfaceSampleMessages(facility.code, sampleId, at).entries()) {
    lines.push(
      `### ${index + 1}. ${sample.title}`,
      '',
      `Expected: ${sample.expected}`,
      '',
      '```',
      ...sample.text.split('\r'),
      '```',
      '',
    );
  }
  return lines.join('\n');
}
