/**
 * Logging a care action: lock the follow-up, look up the colleague of a hand-off, ask the
 * care-action rules whether the action is allowed, then append it (a hand-off or a close also ends
 * the follow-up's open escalation). A refusal becomes an HTTP error with the rules' message; a
 * claim refused because a colleague holds the follow-up names them.
 */
import type pg from 'pg';
import { decideCareAction, escalationResolutionOf, type ActionPerson, type CareActionType } from '@adt/adt';
import {
  appendCareAction,
  findActorNames,
  findUserByUsername,
  lockFollowUpForAction,
  resolveOpenEscalation,
  userActor,
  withTransaction,
  type CareAction,
  type Queryable,
} from '@adt/db';
import { assertTeamAccess, HttpError, type Principal } from './auth.js';
import { assertCareActionTime } from './care-action-time.js';

/** A care action as the API receives it. */
export interface CareActionBody {
  type: CareActionType;
  outcome?: string;
  note?: string;
  at?: string;
  takeOver?: boolean;
  /** The username of the colleague a hand-off goes to. */
  to?: string;
}

const USER_ACTOR_PREFIX = userActor('');

/**
 * The holder of a follow-up as an answer names them: actor, name for people, and the username
 * when the actor is a signed-in user.
 * @param person - actor and name
 */
export function holderJson(person: ActionPerson): { actor: string; name: string; username: string | null } {
  return {
    ...person,
    username: person.actor.startsWith(USER_ACTOR_PREFIX)
      ? person.actor.slice(USER_ACTOR_PREFIX.length)
      : null,
  };
}

async function findReceiver(
  db: Queryable,
  username: string,
  team: string,
): Promise<(ActionPerson & { onTeam: boolean }) | null> {
  const user = await findUserByUsername(db, username);
  if (!user) throw new HttpError(404, 'unknown_user', `No user ${username}`);
  const name = user.displayName || user.username;
  if (user.disabledAt) throw new HttpError(400, 'receiver_disabled', `${name}'s account is disabled`);
  return { actor: userActor(user.username), name, onTeam: user.teams.includes(team) };
}

/**
 * Appends a care action to a follow-up if the rules allow it.
 * @param pool - database pool (one transaction, the follow-up locked)
 * @param principal - who logs it
 * @param followUpId - the follow-up
 * @param body - the action
 * @returns the stored action
 * @throws HttpError 404 (no follow-up, no such colleague), 403 (another team), 409 (state), 400;
 *   ActiveDuplicateError when a reopen meets a newer open follow-up of the visit
 */
export async function logCareAction(
  pool: pg.Pool,
  principal: Principal,
  followUpId: string,
  body: CareActionBody,
): Promise<CareAction> {
  return withTransaction(pool, async (db) => {
    const row = await lockFollowUpForAction(db, followUpId);
    if (!row) throw new HttpError(404, 'not_found', `No follow-up ${followUpId}`);
    assertTeamAccess(principal, row.team);
    const receiver = body.to === undefined ? null : await findReceiver(db, body.to, row.team);
    const names = row.holder ? await findActorNames(db, [row.holder]) : new Map<string, string>();
    const decision = decideCareAction(
      {
        status: row.status,
        holder: row.holder ? { actor: row.holder, name: names.get(row.holder) ?? row.holder } : null,
        failedAttempts: row.failedAttempts,
        activeDuplicate: row.activeDuplicate,
      },
      {
        type: body.type,
        actor: principal.actor,
        outcome: body.outcome ?? null,
        note: body.note ?? null,
        takeOver: body.takeOver ?? false,
        receiver,
      },
    );
    if (!decision.allowed) {
      const { refusal } = decision;
      throw new HttpError(
        refusal.kind === 'conflict' ? 409 : 400,
        refusal.code,
        refusal.message,
        refusal.holder ? { holder: holderJson(refusal.holder) } : {},
      );
    }
    const now = new Date();
    const at = body.at ? new Date(body.at) : now;
    assertCareActionTime(at, row.eventAt, now);
    // A hand-off reassigns escalated work and a close ends it: the escalation is answered.
    const resolution = escalationResolutionOf({ type: body.type, handedTo: decision.handedTo !== null });
    if (resolution !== null) await resolveOpenEscalation(db, followUpId, resolution, now);
    return appendCareAction(db, {
      followUpId,
      type: body.type,
      outcome: body.outcome ?? null,
      note: body.note ?? null,
      at,
      actor: principal.actor,
      previousHolder: decision.previousHolder?.actor ?? null,
      handedTo: decision.handedTo?.actor ?? null,
    });
  });
}
