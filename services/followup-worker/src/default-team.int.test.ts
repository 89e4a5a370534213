import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTeam, addTeamRule, setDefaultTeam } from '@adt/db';
import { createApplyHarness, type ApplyHarness } from './testing/apply-harness.js';

/**
 * Where a follow-up goes when neither the roster nor a team rule names a team: `DEFAULT_TEAM`
 * when set, else the team marked default (the first team added), else `default`.
 */
describe('the default team', () => {
  let h: ApplyHarness;
  let patients = 0;

  /** Applies an inpatient discharge of a new patient and returns the team of its follow-up. */
  async function routedTeam(): Promise<string | undefined> {
    patients += 1;
    const outcome = await h.apply({
      controlId: `D${patients}`,
      event: 'A03',
      mrn: `M-D${patients}`,
      visit: `V-D${patients}`,
      patientClass: 'I',
      at: '20261118143000',
      discharge: '20261118140000',
    });
    const followUpId = outcome.created[0]?.followUpId;
    const row = await h.db.pool.query<{ team: string }>('SELECT team FROM follow_ups WHERE id = $1', [
      followUpId,
    ]);
    return row.rows[0]?.team;
  }

  beforeAll(async () => {
    h = await createApplyHarness('defaultteam');
    h.deps.defaultTeam = null; // DEFAULT_TEAM not set
  });

  afterAll(async () => {
    await h.close();
  });

  it('is `default` before any team is added', async () => {
    expect(await routedTeam()).toBe('default');
  });

  it('is the first team added, and stays so when more are added', async () => {
    expect((await addTeam(h.db.pool, { name: 'north' })).isDefault).toBe(true);
    expect((await addTeam(h.db.pool, { name: 'south' })).isDefault).toBe(false);
    expect(await routedTeam()).toBe('north');
  });

  it('moves with `team default`; follow-ups already routed stay unless asked to move the open ones', async () => {
    const teams = async () =>
      (await h.db.pool.query<{ team: string }>('SELECT team FROM follow_ups ORDER BY id')).rows.map(
        (r) => r.team,
      );
    expect(await setDefaultTeam(h.db.pool, 'south')).toEqual({ previous: 'north', moved: 0 });
    expect(await routedTeam()).toBe('south');
    expect(await teams()).toEqual(['default', 'north', 'south']);

    // The one routed to `default` before any team existed moves too: no team by that name was added.
    expect(await setDefaultTeam(h.db.pool, 'north', { moveOpen: true })).toEqual({
      previous: 'south',
      moved: 2,
    });
    expect(await teams()).toEqual(['north', 'north', 'north']);
    await setDefaultTeam(h.db.pool, 'south');
  });

  it('gives way to DEFAULT_TEAM when it is set, and to a matching team rule', async () => {
    h.deps.defaultTeam = 'west';
    expect(await routedTeam()).toBe('west');
    await addTeamRule(h.db.pool, { facility: null, kind: 'discharge', patientClass: null, team: 'north' });
    expect(await routedTeam()).toBe('north');
  });
});
