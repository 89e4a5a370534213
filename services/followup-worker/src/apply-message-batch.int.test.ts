/**
 * The worker's batches (`applyMessageBatch`): ready messages share one transaction with the same
 * result as one at a time, and one that the database refuses fails alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMessage, applyMessageBatch, UnprocessableMessageError } from '@adt/application';
import type { TestAdt } from './testing/adt-test-messages.js';
import { createApplyHarness, type ApplyHarness } from './testing/apply-harness.js';

const admit = (mrn: string, visit: string, n: number): TestAdt => ({
  controlId: `${visit}-A01-${n}`,
  event: 'A01',
  mrn,
  visit,
  patientClass: 'I',
  at: '20261116090000',
  admit: '20261116090000',
});
const discharge = (mrn: string, visit: string, n: number): TestAdt => ({
  controlId: `${visit}-A03-${n}`,
  event: 'A03',
  mrn,
  visit,
  patientClass: 'I',
  at: '20261118143000',
  admit: '20261116090000',
  discharge: '20261118140000',
});

describe('applyMessageBatch', () => {
  let h: ApplyHarness;

  beforeAll(async () => {
    h = await createApplyHarness('batch');
    // A poison message: the database refuses the encounter of visit POISON.
    await h.db.pool.query(`
      CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.visit_number = 'POISON' THEN RAISE EXCEPTION 'poison visit'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_poison BEFORE INSERT OR UPDATE ON encounters
        FOR EACH ROW EXECUTE FUNCTION refuse_poison();`);
    // A passing fault: the first two writes of the encounter of visit FLAKY fail (a sequence is not
    // rolled back with them), as a lost connection or a deadlock would.
    await h.db.pool.query(`
      CREATE SEQUENCE flaky_failures;
      CREATE FUNCTION refuse_flaky() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.visit_number = 'FLAKY' AND nextval('flaky_failures') <= 2 THEN
          RAISE EXCEPTION 'flaky visit';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_flaky BEFORE INSERT OR UPDATE ON encounters
        FOR EACH ROW EXECUTE FUNCTION refuse_flaky();`);
  });

  afterAll(async () => {
    await h.close();
  });

  it('applies a batch in one transaction as one at a time would, whatever the order; a retry changes nothing', async () => {
    // The discharge first, then its admission, in one batch; and another patient's pair in order.
    const ids = [
      await h.store(discharge('B1', 'VB1', 1)),
      await h.store(admit('B2', 'VB2', 1)),
      await h.store(admit('B1', 'VB1', 1)),
      await h.store(discharge('B2', 'VB2', 1)),
    ];
    const batch = await applyMessageBatch(h.deps, ids);
    expect(batch.mode).toBe('together');
    expect(ids.map((id) => batch.results.get(id)?.ok)).toEqual([true, true, true, true]);
    for (const mrn of ['B1', 'B2']) {
      expect((await h.followUpsOf(mrn)).map((f) => [f.kind, f.status])).toEqual([['discharge', 'open']]);
    }
    const statuses = await h.db.pool.query<{ status: string }>(
      'SELECT status FROM inbound_messages WHERE id = ANY($1::bigint[])',
      [ids],
    );
    expect(statuses.rows.map((r) => r.status)).toEqual(['processed', 'processed', 'processed', 'processed']);

    const again = await applyMessageBatch(h.deps, ids);
    expect([...again.results.values()].map((r) => r.ok && r.outcome.status)).toEqual([
      'skipped',
      'skipped',
      'skipped',
      'skipped',
    ]);
    expect((await h.followUpsOf('B1')).length).toBe(1);
  });

  it('fails a poison message alone: the rest of its batch is applied', async () => {
    const good1 = await h.store(discharge('P1', 'VP1', 2));
    const poison = await h.store(discharge('P2', 'POISON', 2));
    const good2 = await h.store(discharge('P3', 'VP3', 2));
    const batch = await applyMessageBatch(h.deps, [good1, poison, good2]);
    expect(batch.mode).toBe('one_by_one');
    expect(batch.results.get(good1)?.ok).toBe(true);
    expect(batch.results.get(good2)?.ok).toBe(true);
    const failed = batch.results.get(poison);
    expect(failed?.ok).toBe(false);
    expect(failed && !failed.ok && String(failed.error)).toContain('poison visit');
    expect((await h.followUpsOf('P1')).length).toBe(1);
    expect((await h.followUpsOf('P3')).length).toBe(1);
    expect(await h.followUpsOf('P2')).toEqual([]);
    // Nothing of the poison message stayed: it is still waiting for a retry.
    const row = await h.db.pool.query<{ status: string }>(
      'SELECT status FROM inbound_messages WHERE id = $1',
      [poison],
    );
    expect(row.rows[0]?.status).toBe('received');
  });

  it('tries a message that failed in passing again before the later messages of its batch', async () => {
    // The discharge, then the correction saying the patient died: the correction must not be
    // applied while the discharge waits for its job's retry.
    const a03 = await h.store(discharge('F1', 'FLAKY', 4));
    const a08 = await h.store({
      ...discharge('F1', 'FLAKY', 4),
      controlId: 'FLAKY-A08-4',
      event: 'A08',
      at: '20261119081200',
      disposition: '20',
      deceased: true,
    });
    const batch = await applyMessageBatch(h.deps, [a03, a08]);
    expect(batch.mode).toBe('one_by_one');
    expect([a03, a08].map((id) => batch.results.get(id)?.ok)).toEqual([true, true]);
    // Applied in order: neither arrived older than the encounter, so nothing was replayed.
    const rows = await h.db.pool.query<{ status: string; status_reason: string | null }>(
      'SELECT status, status_reason FROM inbound_messages WHERE id = ANY($1::bigint[]) ORDER BY id',
      [[a03, a08]],
    );
    expect(rows.rows).toEqual([
      { status: 'processed', status_reason: null },
      { status: 'processed', status_reason: null },
    ]);
    expect(await h.followUpsOf('F1')).toMatchObject([
      { kind: 'discharge', status: 'cancelled', statusReason: 'deceased' },
    ]);
  });

  it('applies a batch in the order its messages were received, not the order the queue handed them over', async () => {
    // An ED arrival on a visit, then the A42 that merges that visit into a new one: applied in
    // the other order, the arrival would land on the new visit and the old one would stay empty.
    const arrival = await h.store({
      controlId: 'R1-A04',
      event: 'A04',
      mrn: 'R1',
      visit: 'V-OLD-R1',
      patientClass: 'E',
      at: '20261124113000',
      admit: '20261124113000',
      account: 'AC-R1',
    });
    const merge = await h.store({
      controlId: 'R1-A42',
      event: 'A42',
      mrn: 'R1',
      visit: 'V-NEW-R1',
      patientClass: 'E',
      at: '20261124140000',
      admit: '20261124113000',
      prior: { visit: 'V-OLD-R1' },
    });
    const batch = await applyMessageBatch(h.deps, [merge, arrival]);
    expect([arrival, merge].map((id) => batch.results.get(id)?.ok)).toEqual([true, true]);
    const visits = await h.db.pool.query<{ visit_number: string; account_number: string; merged: boolean }>(
      `SELECT visit_number, account_number, merged_into IS NOT NULL AS merged FROM encounters
       WHERE visit_number LIKE 'V-%-R1' ORDER BY visit_number DESC`,
    );
    expect(visits.rows).toEqual([
      { visit_number: 'V-OLD-R1', account_number: 'AC-R1', merged: true },
      { visit_number: 'V-NEW-R1', account_number: '', merged: false },
    ]);
  });

  it('fails an unreadable or unknown message alone, before the transaction', async () => {
    const good = await h.store(discharge('U1', 'VU1', 3));
    const unreadable = await h.store('this is not HL7');
    const batch = await applyMessageBatch(h.deps, [good, unreadable, '999999999']);
    expect(batch.mode).toBe('together');
    expect(batch.results.get(good)?.ok).toBe(true);
    const bad = batch.results.get(unreadable);
    expect(bad && !bad.ok && bad.error).toBeInstanceOf(UnprocessableMessageError);
    const missing = batch.results.get('999999999');
    expect(missing && !missing.ok && missing.error).toBeInstanceOf(UnprocessableMessageError);
    await expect(applyMessage(h.deps, unreadable)).rejects.toThrow(UnprocessableMessageError);
  });
});
