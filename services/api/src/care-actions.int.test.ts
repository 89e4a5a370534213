import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActiveDuplicateError, appendCareAction, withTransaction } from '@adt/db';
import {
  addUser,
  addUsers,
  seedFollowUp,
  signIn,
  startApiHarness,
  type ApiHarness,
  type BrowserSession,
} from './testing/api-harness.js';

interface Person {
  actor: string;
  name: string;
}

interface Action {
  type: string;
  outcome: string | null;
  actor: string;
  previousHolder: Person | null;
  handedTo: Person | null;
}

interface Detail {
  status: string;
  statusReason: string | null;
  claimedBy: Person | null;
  actions: Action[];
}

describe('care actions: claims, take-overs, hand-offs, close rules and reopening', () => {
  let h: ApiHarness;
  let jo: BrowserSession;
  let sam: BrowserSession;

  beforeAll(async () => {
    h = await startApiHarness('careactions');
    await addUsers(h, [
      { username: 'jrivera', displayName: 'Jo Rivera, RN', role: 'navigator', teams: ['north'] },
      { username: 'sortiz', displayName: 'Sam Ortiz, RN', role: 'navigator', teams: ['north'] },
      { username: 'kim', displayName: 'Kim South, RN', role: 'navigator', teams: ['south'] },
    ]);
    jo = await signIn(h.app, 'jrivera');
    sam = await signIn(h.app, 'sortiz');
  });

  afterAll(async () => {
    await h.close();
  });

  let seq = 0;
  const followUp = () =>
    seedFollowUp(h.db, { mrn: `M-CARE-${++seq}`, team: 'north', dueAt: new Date(Date.now() + 86_400_000) });
  const act = (session: BrowserSession, id: string, payload: object) =>
    h.app.inject({
      method: 'POST',
      url: `/api/follow-ups/${id}/actions`,
      payload,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    });
  const detail = async (id: string) =>
    (await h.app.inject({ url: `/api/follow-ups/${id}`, headers: { cookie: jo.cookie } })).json<Detail>();

  it('answers a stale claim with 409 naming the holder, and keeps their claim', async () => {
    const id = await followUp();
    expect((await act(jo, id, { type: 'claim' })).statusCode).toBe(201);
    const stale = await act(sam, id, { type: 'claim' });
    expect(stale.statusCode).toBe(409);
    const body = stale.json<{ error: string; message: string; holder: Person & { username: string } }>();
    expect(body.error).toBe('claimed');
    expect(body.message).toContain('Jo Rivera, RN');
    expect(body.holder).toEqual({ actor: 'user:jrivera', name: 'Jo Rivera, RN', username: 'jrivera' });
    const after = await detail(id);
    expect(after.claimedBy?.name).toBe('Jo Rivera, RN');
    expect(after.actions.map((a) => a.type)).toEqual(['claim']);
    // The holder claiming again is no take-over.
    expect((await act(jo, id, { type: 'claim' })).statusCode).toBe(201);
  });

  it('takes over when asked, logging the previous holder', async () => {
    const id = await followUp();
    await act(jo, id, { type: 'claim' });
    const taken = await act(sam, id, { type: 'claim', takeOver: true });
    expect(taken.statusCode).toBe(201);
    expect(taken.json<Action>()).toMatchObject({
      type: 'claim',
      actor: 'user:sortiz',
      previousHolder: { actor: 'user:jrivera', name: 'Jo Rivera, RN' },
    });
    const after = await detail(id);
    expect(after.claimedBy?.name).toBe('Sam Ortiz, RN');
    expect(after.actions.at(-1)?.previousHolder?.name).toBe('Jo Rivera, RN');
    // An ordinary claim of a free follow-up names nobody before.
    expect(after.actions[0]?.previousHolder).toBeNull();
  });

  it('hands a follow-up to a team member, logged, and the list shows the new holder', async () => {
    const id = await followUp();
    await act(jo, id, { type: 'claim' });
    const handed = await act(jo, id, { type: 'hand_off', to: 'SORTIZ', note: 'She knows the family' });
    expect(handed.statusCode).toBe(201);
    expect(handed.json<Action>()).toMatchObject({
      type: 'hand_off',
      actor: 'user:jrivera',
      previousHolder: { actor: 'user:jrivera' },
      handedTo: { actor: 'user:sortiz', name: 'Sam Ortiz, RN' },
    });
    expect((await detail(id)).claimedBy).toMatchObject({ actor: 'user:sortiz', name: 'Sam Ortiz, RN' });
    const list = await h.app.inject({ url: '/api/worklist', headers: { cookie: jo.cookie } });
    const row = list
      .json<{ items: { id: string; claimedBy: Person | null }[] }>()
      .items.find((f) => f.id === id);
    expect(row?.claimedBy?.actor).toBe('user:sortiz');
    // Now Sam holds it: Jo cannot pass it on again without taking it over.
    const back = await act(jo, id, { type: 'hand_off', to: 'jrivera' });
    expect(back.statusCode).toBe(400);
  });

  it('refuses a hand-off to someone off the team (400) or unknown (404), logging nothing', async () => {
    const id = await followUp();
    const offTeam = await act(jo, id, { type: 'hand_off', to: 'kim' });
    expect(offTeam.statusCode).toBe(400);
    expect(offTeam.json<{ error: string; message: string }>()).toMatchObject({
      error: 'receiver_not_on_team',
      message: expect.stringContaining('Kim South, RN') as string,
    });
    const unknown = await act(jo, id, { type: 'hand_off', to: 'nobody' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<{ error: string }>().error).toBe('unknown_user');
    expect((await act(jo, id, { type: 'hand_off' })).statusCode).toBe(400);
    expect((await act(jo, id, { type: 'note', note: 'x', to: 'sortiz' })).statusCode).toBe(400);
    expect((await detail(id)).actions).toEqual([]);
  });

  it('lists the colleagues a follow-up can go to: its team only', async () => {
    const id = await followUp();
    const listed = await h.app.inject({
      url: `/api/follow-ups/${id}/colleagues`,
      headers: { cookie: jo.cookie },
    });
    expect(listed.statusCode).toBe(200);
    const names = listed.json<{ items: { username: string; name: string }[] }>().items.map((c) => c.username);
    expect(names).toEqual(expect.arrayContaining(['jrivera', 'sortiz']));
    expect(names).not.toContain('kim');
    const kim = await signIn(h.app, 'kim');
    const other = await h.app.inject({
      url: `/api/follow-ups/${id}/colleagues`,
      headers: { cookie: kim.cookie },
    });
    expect(other.statusCode).toBe(403);
  });

  it('passing on a colleague’s follow-up needs takeOver too', async () => {
    const id = await followUp();
    await act(sam, id, { type: 'claim' });
    await addUser(h, { username: 'lee', displayName: 'Lee North, RN', role: 'navigator', teams: ['north'] });
    expect((await act(jo, id, { type: 'hand_off', to: 'lee' })).statusCode).toBe(409);
    const handed = await act(jo, id, { type: 'hand_off', to: 'lee', takeOver: true });
    expect(handed.statusCode).toBe(201);
    expect(handed.json<Action>()).toMatchObject({
      previousHolder: { actor: 'user:sortiz' },
      handedTo: { actor: 'user:lee' },
    });
  });

  it('closes as unreachable only after two logged attempts', async () => {
    const id = await followUp();
    const early = await act(jo, id, { type: 'close', outcome: 'unreachable' });
    expect(early.statusCode).toBe(409);
    expect(early.json<{ error: string; message: string }>()).toMatchObject({
      error: 'too_few_attempts',
      message: expect.stringContaining('at least 2 logged contact attempts') as string,
    });
    await act(jo, id, { type: 'contact_attempt', outcome: 'no_answer' });
    expect((await act(jo, id, { type: 'close', outcome: 'unreachable' })).statusCode).toBe(409);
    await act(jo, id, { type: 'contact_attempt', outcome: 'voicemail' });
    expect((await act(jo, id, { type: 'close', outcome: 'unreachable' })).statusCode).toBe(201);
    expect(await detail(id)).toMatchObject({ status: 'done', statusReason: 'unreachable' });
  });

  it('closes as other only with a note', async () => {
    const id = await followUp();
    const bare = await act(jo, id, { type: 'close', outcome: 'other' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json<{ error: string }>().error).toBe('note_required');
    expect((await detail(id)).status).toBe('open');
    const noted = await act(jo, id, { type: 'close', outcome: 'other', note: 'Moved out of state' });
    expect(noted.statusCode).toBe(201);
  });

  it('reopens a closed follow-up: logged, the close kept, back in progress and on the list', async () => {
    const id = await followUp();
    await act(jo, id, { type: 'contact_made' });
    await act(jo, id, { type: 'close', outcome: 'reached' });
    const reopened = await act(sam, id, { type: 'reopen', note: 'Closed the wrong patient' });
    expect(reopened.statusCode).toBe(201);
    const after = await detail(id);
    expect(after).toMatchObject({ status: 'in_progress', statusReason: null });
    expect(after.actions.map((a) => a.type)).toEqual(['contact_made', 'close', 'reopen']);
    expect(after.actions.at(-1)?.actor).toBe('user:sortiz');
    const closedAt = await h.db.pool.query<{ closed_at: Date | null }>(
      'SELECT closed_at FROM follow_ups WHERE id = $1',
      [id],
    );
    expect(closedAt.rows[0]?.closed_at).toBeNull();
    const list = await h.app.inject({ url: '/api/worklist', headers: { cookie: jo.cookie } });
    expect(list.json<{ items: { id: string }[] }>().items.map((f) => f.id)).toContain(id);
    // Only a closed follow-up reopens.
    const again = await act(jo, id, { type: 'reopen' });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ error: string }>().error).toBe('not_closed');
  });

  it('does not reopen one whose visit has a newer open follow-up', async () => {
    const mrn = 'M-CARE-REDISCHARGED';
    const dueAt = new Date(Date.now() + 86_400_000);
    const first = await seedFollowUp(h.db, { mrn, team: 'north', dueAt });
    await act(jo, first, { type: 'close', outcome: 'reached' });
    // The same visit gets a new follow-up (a re-discharge after an A13).
    await seedFollowUp(h.db, { mrn, team: 'north', dueAt });
    const response = await act(jo, first, { type: 'reopen' });
    expect(response.statusCode).toBe(409);
    expect(response.json<{ error: string }>().error).toBe('active_duplicate');
  });

  it('refuses at the unique index a reopen that raced a newer open follow-up', async () => {
    // The rules saw no newer follow-up, then the worker opened one before the reopen was written.
    const mrn = 'M-CARE-RACED';
    const dueAt = new Date(Date.now() + 86_400_000);
    const first = await seedFollowUp(h.db, { mrn, team: 'north', dueAt });
    await act(jo, first, { type: 'close', outcome: 'reached' });
    await seedFollowUp(h.db, { mrn, team: 'north', dueAt });
    const reopen = withTransaction(h.db.pool, (client) =>
      appendCareAction(client, {
        followUpId: first,
        type: 'reopen',
        outcome: null,
        note: null,
        at: new Date(),
        actor: 'user:jrivera',
      }),
    );
    await expect(reopen).rejects.toBeInstanceOf(ActiveDuplicateError);
  });

  it('does not reopen one the hospital’s messages cancelled', async () => {
    const id = await followUp();
    await h.db.pool.query(
      "UPDATE follow_ups SET status = 'cancelled', status_reason = 'deceased' WHERE id = $1",
      [id],
    );
    const response = await act(jo, id, { type: 'reopen' });
    expect(response.statusCode).toBe(409);
    expect(response.json<{ error: string }>().error).toBe('cancelled');
  });
});
