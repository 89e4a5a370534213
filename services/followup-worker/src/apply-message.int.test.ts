import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMessage, UnprocessableMessageError } from '@adt/application';
import { createApplyHarness, type ApplyHarness } from './testing/apply-harness.js';

describe('applyMessage', () => {
  let h: ApplyHarness;

  beforeAll(async () => {
    h = await createApplyHarness('apply');
  });

  afterAll(async () => {
    await h.close();
  });

  it('creates one discharge follow-up for an inpatient A03, and a retried job changes nothing', async () => {
    const id = await h.store({
      controlId: 'W1',
      event: 'A03',
      mrn: 'M1',
      visit: 'V1',
      patientClass: 'I',
      at: '20261118143000',
      discharge: '20261118140000',
    });
    const first = await applyMessage(h.deps, id);
    expect(first.status).toBe('applied');
    expect(first.created.map((c) => c.kind)).toEqual(['discharge']);

    // A retry after a crash that happened after commit: the message is already processed.
    const second = await applyMessage(h.deps, id);
    expect(second.status).toBe('skipped');
    // Even forced back to "received", the encounter event row makes it a no-op.
    await h.db.pool.query("UPDATE inbound_messages SET status = 'received' WHERE id = $1", [id]);
    const third = await applyMessage(h.deps, id);
    expect(third.status).toBe('already_applied');

    const followUps = await h.followUpsOf('M1');
    expect(followUps).toHaveLength(1);
    expect(followUps[0]?.dueAt).toBe(new Date('2026-11-20T23:59:59.999-05:00').toISOString());
  });

  it('creates an ED follow-up on arrival and moves its due date on ED discharge', async () => {
    await h.apply({
      controlId: 'W2',
      event: 'A04',
      mrn: 'M2',
      visit: 'E2',
      patientClass: 'E',
      at: '20261120100000',
    });
    let followUps = await h.followUpsOf('M2');
    expect(followUps).toMatchObject([{ kind: 'ed_visit', status: 'open', inEdNow: true }]);
    // Arrival Friday 2026-11-20: due the next business day, Monday 2026-11-23.
    expect(followUps[0]?.dueAt).toBe(new Date('2026-11-23T23:59:59.999-05:00').toISOString());

    await h.apply({
      controlId: 'W3',
      event: 'A03',
      mrn: 'M2',
      visit: 'E2',
      patientClass: 'E',
      at: '20261123090000',
      discharge: '20261123083000',
    });
    followUps = await h.followUpsOf('M2');
    expect(followUps).toHaveLength(1);
    expect(followUps[0]?.inEdNow).toBe(false);
    expect(followUps[0]?.dueAt).toBe(new Date('2026-11-24T23:59:59.999-05:00').toISOString());
  });

  it('an A03 arriving before its A01 still yields one correct follow-up', async () => {
    const a03 = {
      controlId: 'W4',
      event: 'A03',
      mrn: 'M3',
      visit: 'V3',
      patientClass: 'I',
      at: '20261118150000',
      discharge: '20261118140000',
    };
    const a01 = {
      controlId: 'W5',
      event: 'A01',
      mrn: 'M3',
      visit: 'V3',
      patientClass: 'I',
      at: '20261114080000',
      admit: '20261114080000',
    };
    await h.apply(a03);
    await h.apply(a01);
    const followUps = await h.followUpsOf('M3');
    expect(followUps).toMatchObject([{ kind: 'discharge', status: 'open' }]);
    const encounter = await h.db.pool.query<{
      admitted_at: Date;
      discharged_at: Date;
      last_event_type: string;
    }>("SELECT admitted_at, discharged_at, last_event_type FROM encounters WHERE visit_number = 'V3'");
    expect(encounter.rows[0]?.last_event_type).toBe('A03');
    expect(encounter.rows[0]?.admitted_at).not.toBeNull();
    expect(encounter.rows[0]?.discharged_at).not.toBeNull();
  });

  it('creates no follow-up for an expired patient and cancels the open ones', async () => {
    await h.apply({
      controlId: 'W6',
      event: 'A04',
      mrn: 'M4',
      visit: 'E4',
      patientClass: 'E',
      at: '20261118100000',
    });
    await h.apply({
      controlId: 'W7',
      event: 'A03',
      mrn: 'M4',
      visit: 'V4',
      patientClass: 'I',
      at: '20261119100000',
      discharge: '20261119090000',
      disposition: '20',
    });
    const followUps = await h.followUpsOf('M4');
    expect(followUps).toMatchObject([{ kind: 'ed_visit', status: 'cancelled', statusReason: 'deceased' }]);
  });

  it('marks an unparseable stored message failed and refuses to retry it', async () => {
    const id = await h.store(
      'MSH|^~\\&|EPIC|GENERAL_HOSP|FOLLOWUP|PRACTICE|20261118||ADT^A03|W8|P|2.5.1\rEVN|A03',
    );
    await expect(applyMessage(h.deps, id)).rejects.toBeInstanceOf(UnprocessableMessageError);
    const row = await h.db.pool.query<{ status: string; status_reason: string }>(
      'SELECT status, status_reason FROM inbound_messages WHERE id = $1',
      [id],
    );
    expect(row.rows[0]?.status).toBe('failed');
    expect(row.rows[0]?.status_reason).toContain('PID');
  });

  it('marks a stored A40 without MRG-1 failed with the reason the listener gives, without retrying', async () => {
    const id = await h.store(
      'MSH|^~\\&|EPIC|GENERAL_HOSP|FOLLOWUP|PRACTICE|20261118||ADT^A40|W9|P|2.5.1\rEVN|A40\r' +
        'PID|1||M-W9^^^GENERAL_HOSP^MR\rMRG|',
    );
    await expect(applyMessage(h.deps, id)).rejects.toBeInstanceOf(UnprocessableMessageError);
    const row = await h.db.pool.query<{ status: string; status_reason: string }>(
      'SELECT status, status_reason FROM inbound_messages WHERE id = $1',
      [id],
    );
    expect(row.rows[0]).toMatchObject({ status: 'failed' });
    expect(row.rows[0]?.status_reason).toMatch(/^MRG-1 \(prior patient identifier\) is empty/);
  });
});
