import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCallContexts, type StoredCallContext } from '@adt/db';
import { applyMessage } from '@adt/application';
import { createApplyHarness, type ApplyHarness } from './testing/apply-harness.js';

/** An inpatient discharge carrying every field of the call context (an invented patient). */
const FIXTURE = readFileSync(
  new URL('../../../tests/fixtures/adt-a03-patient-context.hl7', import.meta.url),
  'latin1',
);

/** Replaces one whole segment of a message (by name and first field) or, with '', removes it. */
function withSegment(text: string, prefix: string, replacement: string): string {
  const segments = text.split('\r').filter(Boolean);
  const index = segments.findIndex((s) => s.startsWith(prefix));
  if (index < 0) return [...segments, replacement].join('\r');
  segments.splice(index, 1, ...(replacement === '' ? [] : [replacement]));
  return segments.join('\r');
}

/** The fixture as another event at another time (MSH-10 and EVN-2/MSH-7 changed). */
function asEvent(text: string, event: string, controlId: string, at: string): string {
  return withSegment(
    text
      .replace('|ADT^A03^ADT_A03|LM00098765|', `|ADT^${event}|${controlId}|`)
      .replace('|20261201103000-0500|', `|${at}|`),
    'EVN|',
    `EVN|${event}|${at}`,
  );
}

describe('the call context of a message', () => {
  let harness: ApplyHarness;

  beforeAll(async () => {
    harness = await createApplyHarness('patient_context');
  });

  afterAll(async () => {
    await harness.close();
  });

  async function contextOf(mrn: string): Promise<StoredCallContext> {
    const [followUp] = await harness.followUpsOf(mrn);
    if (!followUp) throw new Error(`no follow-up for ${mrn}`);
    const context = (await findCallContexts(harness.db.pool, [followUp.id])).get(followUp.id);
    if (!context) throw new Error('no context row');
    return context;
  }

  it('is stored beside the patient and the encounter of the follow-up', async () => {
    const outcome = await applyMessage(harness.deps, await harness.store(FIXTURE));
    expect(outcome.created).toHaveLength(1);
    const context = await contextOf('MRN550021');
    expect(context.phones.map((p) => `${p.field} ${p.use} ${p.equipment} ${p.number}`)).toEqual([
      'PID-13 PRN PH (207)555-0148',
      'PID-13 ORN CP 2075550199',
      'PID-13 NET Internet aoife.mcdonald@example.org',
      'PID-14 WPN PH 2075550173 x22',
    ]);
    expect(context.contacts.map((c) => [c.name.family, c.relationship.text, c.phones.length])).toEqual([
      ["O'BRIEN-MCDONALD", 'Son', 2],
      ['MCDONALD', 'Sister', 1],
    ]);
    expect(context.language).toEqual({ code: 'spa', text: 'Spanish', codingSystem: 'ISO639' });
    expect(context.address).toMatchObject({ street: '22 SHORE LN', city: 'PORTLAND', postalCode: '04102' });
    expect(context.primaryCareProvider).toMatchObject({ id: '4455', family: "O'BRIEN" });
    expect(context.coverages.map((c) => [c.planName, c.companyName, c.policyNumber])).toEqual([
      ['Medicare Part A', 'CENTERS FOR MEDICARE & MEDICAID SERVICES', '1EG4TE5MK73'],
      ['Medigap Plan G', 'NORTHEAST MUTUAL HEALTH', 'NMH0099231'],
    ]);
    expect(context.reasonForVisit).toEqual({
      code: 'R06.02',
      text: 'Shortness of breath',
      codingSystem: 'I10',
    });
    expect(context.admittingDiagnoses).toEqual([
      { code: 'J18.9', text: 'Pneumonia, unspecified organism', codingSystem: 'I10' },
    ]);
    expect(context.attending).toMatchObject({ id: '7788', family: 'NGUYEN-PARK', degree: 'MD' });
    expect(context.rosterPcp).toBe('');
    expect(context.lastAttemptAt).toBeNull();
  });

  it('takes what a newer message sends and keeps what it leaves out', async () => {
    let update = asEvent(FIXTURE, 'A08', 'LM00098766', '20261201120000-0500');
    update = withSegment(update, 'NK1|1|', '');
    update = withSegment(update, 'NK1|2|', '');
    update = withSegment(update, 'IN1|2|', '');
    update = update.replace('|spa^Spanish^ISO639|', '|por^Portuguese^ISO639|');
    update = update.replace(/\|\(207\)555-0148\^PRN\^PH~[^|]*\|[^|]*\|/, '|^PRN^CP^^^207^5550100||');
    await applyMessage(harness.deps, await harness.store(update));

    const context = await contextOf('MRN550021');
    expect(context.phones).toEqual([{ number: '2075550100', use: 'PRN', equipment: 'CP', field: 'PID-13' }]);
    expect(context.language?.code).toBe('por');
    expect(context.contacts).toHaveLength(2);
    expect(context.coverages.map((c) => c.planId)).toEqual(['MCR-A']);
  });

  it('lets an older message fill only what is still empty', async () => {
    // The discharge arrives first without PV2, PV1-7 or a phone; the admission, older, after it.
    let discharge = FIXTURE.replaceAll('MRN550021', 'MRN550022').replace('V20261127-0311', 'V20261127-0999');
    discharge = withSegment(discharge, 'PV2|', '');
    discharge = discharge.replace('|7788^NGUYEN-PARK^ANH^T^^DR^MD|||MED|', '||||MED|');
    discharge = discharge.replace('|spa^Spanish^ISO639|', '|eng^English^ISO639|');
    await applyMessage(harness.deps, await harness.store(discharge));
    expect((await contextOf('MRN550022')).reasonForVisit).toBeNull();
    expect((await contextOf('MRN550022')).attending).toBeNull();

    const admission = asEvent(FIXTURE, 'A01', 'LM00090001', '20261127091500-0500')
      .replaceAll('MRN550021', 'MRN550022')
      .replace('V20261127-0311', 'V20261127-0999');
    await applyMessage(harness.deps, await harness.store(admission));

    const context = await contextOf('MRN550022');
    expect(context.reasonForVisit?.text).toBe('Shortness of breath');
    expect(context.attending?.family).toBe('NGUYEN-PARK');
    expect(context.language?.code).toBe('eng');
  });

  it('follows a patient merge (A40): the survivor gains what only the merged-away record had', async () => {
    const phoneOnly = (mrn: string, visit: string, controlId: string, phone: string) =>
      [
        `MSH|^~\\&|EPIC|LAKESIDE_MED|ADT_FOLLOWUP|PRACTICE|20261201103000-0500||ADT^A03|${controlId}|P|2.5.1`,
        'EVN|A03|20261201102500-0500',
        `PID|1||${mrn}^^^LAKESIDE_MED^MR||DOE^JANE||19500101|F|||||${phone}`,
        `PV1|1|I|||||||||||||||||${visit}|||||||||||||||||01|||||||||20261127091500-0500|20261201100000-0500`,
      ].join('\r');
    await applyMessage(
      harness.deps,
      await harness.store(phoneOnly('MRN550050', 'V-M-1', 'LM-M-1', '2075550777')),
    );
    await applyMessage(harness.deps, await harness.store(phoneOnly('MRN550051', 'V-M-2', 'LM-M-2', '')));
    expect((await contextOf('MRN550051')).phones).toEqual([]);

    const a40 = [
      'MSH|^~\\&|EPIC|LAKESIDE_MED|ADT_FOLLOWUP|PRACTICE|20261201130000-0500||ADT^A40^ADT_A39|LM-M-3|P|2.5.1',
      'EVN|A40|20261201130000-0500',
      'PID|1||MRN550051^^^LAKESIDE_MED^MR||DOE^JANE||19500101|F',
      'MRG|MRN550050^^^LAKESIDE_MED^MR',
    ].join('\r');
    await applyMessage(harness.deps, await harness.store(a40));
    const followUps = await harness.followUpsOf('MRN550051');
    expect(followUps).toHaveLength(2);
    const contexts = await findCallContexts(
      harness.db.pool,
      followUps.map((f) => f.id),
    );
    for (const followUp of followUps) {
      expect(contexts.get(followUp.id)?.phones.map((p) => p.number)).toEqual(['2075550777']);
    }
  });

  it('is kept up to date by demographics-only updates (A31), and the roster names the PCP', async () => {
    const a31 = withSegment(
      asEvent(FIXTURE, 'A31', 'LM00098770', '20261202090000-0500'),
      'PV1|',
      'PV1|1|N',
    ).replace('|spa^Spanish^ISO639|', '|vie^Vietnamese^ISO639|');
    await applyMessage(harness.deps, await harness.store(a31));
    await harness.db.pool.query(
      `INSERT INTO roster_entries (identifier, assigning_authority, pcp) VALUES ('MRN550021', 'LAKESIDE_MED', 'Dr. Ann Lee')`,
    );
    const context = await contextOf('MRN550021');
    expect(context.language?.code).toBe('vie');
    expect(context.rosterPcp).toBe('Dr. Ann Lee');
  });
});
