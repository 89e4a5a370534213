import { describe, expect, it } from 'vitest';

import { DEFAULT_OBSERVATION_CODES } from './adt-event.js';
import type { EncounterEvent } from './encounter-replay.js';
import { replayEncounter, ruleInputFor } from './encounter-replay.js';
import type { FollowUpEffect, StoredFollowUp } from './follow-up.js';
import { isActiveFollowUp } from './follow-up.js';
import { planFollowUpEffects } from './follow-up-rules.js';
import type { RulesConfig } from './rule-context.js';
import type { VisitState } from './visit-state.js';
import { EMPTY_VISIT_STATE, foldVisitState } from './visit-state.js';

const config: RulesConfig = {
  calendar: { zone: 'America/New_York', holidays: new Set() },
  observationCodes: DEFAULT_OBSERVATION_CODES,
};

/** Monday 16 November 2026, 08:00 New York, plus `hours`. */
const at = (hours: number) => new Date(Date.UTC(2026, 10, 16, 13 + hours));

function event(
  id: string,
  eventType: string,
  hours: number,
  visit: Partial<VisitState> = {},
): EncounterEvent {
  return {
    id,
    eventType,
    occurredAt: at(hours),
    visit: { ...EMPTY_VISIT_STATE, ...visit },
    deceased: false,
  };
}

/**
 * The worker's algorithm without a database: follow-ups kept in memory with the stored
 * semantics (one active per kind; done and cancelled rows never edited), the newest event
 * applied on top, an older one replaying the encounter.
 */
class MemoryEncounter {
  readonly followUps: StoredFollowUp[] = [];
  private readonly applied: { event: EncounterEvent; arrival: number }[] = [];
  private state = EMPTY_VISIT_STATE;
  private nextId = 1;
  patientDeceased = false;
  /** Care actions a navigator logged, by follow-up id. */
  readonly actions = new Set<string>();

  receive(incoming: EncounterEvent): void {
    const arrival = this.applied.length;
    const newest = this.applied.every(({ event: e }) => e.occurredAt <= incoming.occurredAt);
    this.applied.push({ event: incoming, arrival });
    this.applied.sort(
      (a, b) => a.event.occurredAt.getTime() - b.event.occurredAt.getTime() || a.arrival - b.arrival,
    );
    if (newest) {
      this.state = foldVisitState(this.state, incoming.visit, incoming.eventType);
      this.apply(
        planFollowUpEffects(ruleInputFor(incoming, this.state, this.patientDeceased), this.stored(), config),
      );
      return;
    }
    const replay = replayEncounter({
      events: this.applied.map(({ event: e }) => e),
      existing: this.stored(),
      patientDeceased: this.patientDeceased,
      config,
    });
    this.state = replay.state;
    this.apply(replay.effects);
  }

  stored(): StoredFollowUp[] {
    return this.followUps.map((f) => ({ ...f, hasActions: this.actions.has(f.id) }));
  }

  private apply(effects: readonly FollowUpEffect[]): void {
    const refs = new Map<string, string | null>();
    const find = (id: string) => {
      const real = refs.has(id) ? refs.get(id) : id;
      return this.followUps.find((f) => f.id === real);
    };
    for (const effect of effects) {
      switch (effect.type) {
        case 'create': {
          const blocked = this.followUps.some((f) => f.kind === effect.kind && isActiveFollowUp(f));
          const id = blocked ? null : `f${String(this.nextId++)}`;
          if (effect.ref !== undefined) refs.set(effect.ref, id);
          if (id === null) break;
          this.followUps.push({
            id,
            kind: effect.kind,
            status: 'open',
            hasActions: false,
            inEdNow: effect.inEdNow,
            dueAt: effect.dueAt,
            visitDueBy: effect.visitDueBy,
            priority: effect.priority,
            dischargeCancelled: false,
            statusReason: null,
          });
          break;
        }
        case 'update': {
          const f = find(effect.followUpId);
          if (!f || !isActiveFollowUp(f)) break;
          if (effect.dueAt !== undefined) f.dueAt = effect.dueAt;
          if (effect.visitDueBy !== undefined) f.visitDueBy = effect.visitDueBy;
          if (effect.priority !== undefined) f.priority = effect.priority;
          if (effect.inEdNow !== undefined) f.inEdNow = effect.inEdNow;
          if (effect.dischargeCancelled !== undefined) f.dischargeCancelled = effect.dischargeCancelled;
          break;
        }
        case 'cancel': {
          const f = find(effect.followUpId);
          if (f && isActiveFollowUp(f)) {
            Object.assign(f, effect.settle ?? {}, { status: 'cancelled', statusReason: effect.reason });
          }
          break;
        }
        case 'reopen': {
          const f = find(effect.followUpId);
          if (f?.status !== 'cancelled') break;
          if (this.followUps.some((o) => o.kind === f.kind && isActiveFollowUp(o))) break;
          Object.assign(f, {
            status: 'open',
            statusReason: null,
            dueAt: effect.dueAt,
            visitDueBy: effect.visitDueBy,
            priority: effect.priority,
            inEdNow: effect.inEdNow,
            dischargeCancelled: effect.dischargeCancelled,
          });
          break;
        }
        case 'cancel_all_for_patient':
          this.patientDeceased = true;
          for (const f of this.followUps.filter(isActiveFollowUp)) {
            Object.assign(f, { status: 'cancelled', statusReason: effect.reason });
          }
          break;
        case 'timeline':
          break;
        default:
          effect satisfies never;
      }
    }
  }
}

/** What a navigator sees of the follow-ups, without ids: by kind, in creation order. */
function outcome(encounter: MemoryEncounter) {
  const byKind = [...encounter.followUps].sort((a, b) => a.kind.localeCompare(b.kind));
  return byKind.map((f) => ({
    kind: f.kind,
    status: f.status,
    statusReason: f.statusReason,
    dueAt: f.dueAt.toISOString(),
    visitDueBy: f.visitDueBy?.toISOString() ?? null,
    priority: f.priority,
    inEdNow: f.inEdNow,
    dischargeCancelled: f.dischargeCancelled,
  }));
}

function run(events: readonly EncounterEvent[]): MemoryEncounter {
  const encounter = new MemoryEncounter();
  for (const e of events) encounter.receive(e);
  return encounter;
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

/** A stored follow-up: normal priority, no visit deadline, no actions unless told. */
const storedFollowUp = (
  f: Pick<StoredFollowUp, 'id' | 'kind' | 'status' | 'dueAt' | 'statusReason'> & Partial<StoredFollowUp>,
): StoredFollowUp => ({
  hasActions: false,
  inEdNow: false,
  visitDueBy: null,
  priority: 'normal',
  dischargeCancelled: false,
  ...f,
});

const inpatient = { patientClass: 'I' };
const ed = { patientClass: 'E' };
const discharge = (hours: number, disposition = '01') => ({ dischargedAt: at(hours), disposition });

const scenarios: Record<string, EncounterEvent[]> = {
  're-discharge after A13': [
    event('1', 'A01', 0, { ...inpatient, admittedAt: at(0) }),
    event('2', 'A08', 10, { ...inpatient, diagnoses: [{ code: 'I50.9', text: '', codingSystem: 'I10' }] }),
    event('3', 'A03', 50, { ...inpatient, ...discharge(49) }),
    event('4', 'A13', 52, inpatient),
    event('5', 'A03', 80, { ...inpatient, ...discharge(79) }),
  ],
  'ED visit discharged, discharge cancelled, discharged again': [
    event('1', 'A04', 0, { ...ed, admittedAt: at(0) }),
    event('2', 'A08', 1, ed),
    event('3', 'A03', 4, { ...ed, ...discharge(4) }),
    event('4', 'A13', 5, ed),
    event('5', 'A03', 30, { ...ed, ...discharge(30) }),
  ],
  'ED visit admitted, left against medical advice': [
    event('1', 'A04', 0, { ...ed, admittedAt: at(0) }),
    event('2', 'A06', 3, inpatient),
    event('3', 'A08', 20, inpatient),
    event('4', 'A03', 60, { ...inpatient, ...discharge(60, '07') }),
  ],
  'visit cancelled after discharge': [
    event('1', 'A01', 0, { ...inpatient, admittedAt: at(0) }),
    event('2', 'A03', 30, { ...inpatient, ...discharge(30) }),
    event('3', 'A11', 31, inpatient),
    event('4', 'A08', 32, inpatient),
  ],
  'hand-off corrected to home by A08': [
    event('1', 'A01', 0, { ...inpatient, admittedAt: at(0) }),
    event('2', 'A03', 30, { ...inpatient, ...discharge(30, '03') }),
    event('3', 'A08', 31, { ...inpatient, disposition: '01' }),
    event('4', 'A08', 32, { ...inpatient, assignedLocation: '4W' }),
  ],
  'ED arrival time corrected, then discharged on a Friday night': [
    event('1', 'A04', 0, { ...ed, admittedAt: at(0) }),
    event('2', 'A08', 2, { ...ed, admittedAt: at(-30) }),
    event('3', 'A03', 110, { ...ed, ...discharge(110) }),
    event('4', 'A08', 111, { ...ed, disposition: '07' }),
  ],
  'observation stay with a late class change': [
    event('1', 'A04', 0, { patientClass: 'O', hospitalService: 'OBS', admittedAt: at(0) }),
    event('2', 'A08', 5, { patientClass: 'O', hospitalService: 'OBS' }),
    event('3', 'A03', 30, { patientClass: 'O', ...discharge(30) }),
    event('4', 'A13', 31, { patientClass: 'O' }),
    event('5', 'A03', 40, { patientClass: 'O', ...discharge(40, '21') }),
  ],
  'hospice discharge': [
    event('1', 'A04', 0, { ...ed, admittedAt: at(0) }),
    event('2', 'A03', 5, { ...ed, ...discharge(5, '50') }),
    event('3', 'A08', 6, ed),
  ],
};

// Every permutation of up to five events is replayed (120 orders, each replaying its prefix), which
// takes seconds on a busy 2-core CI machine: these cases get a longer timeout than the default.
const PERMUTATION_TIMEOUT_MS = 120_000;

describe('replayEncounter', () => {
  it.each(Object.entries(scenarios))(
    '%s: every arrival order ends as the in-order run',
    (_name, events) => {
      const expected = outcome(run(events));
      for (const order of permutations(events)) {
        expect(outcome(run(order))).toEqual(expected);
      }
    },
    PERMUTATION_TIMEOUT_MS,
  );

  it('a death leaves no active follow-up in any order (none is created once it is known)', () => {
    const events = [
      event('1', 'A04', 0, { ...ed, admittedAt: at(0) }),
      event('2', 'A08', 1, ed),
      event('3', 'A03', 5, { ...ed, ...discharge(5, '20') }),
      event('4', 'A08', 6, ed),
    ];
    expect(outcome(run(events))).toMatchObject([
      { kind: 'ed_visit', status: 'cancelled', statusReason: 'deceased' },
    ]);
    for (const order of permutations(events)) {
      const encounter = run(order);
      expect(encounter.patientDeceased).toBe(true);
      expect(encounter.followUps.filter(isActiveFollowUp)).toEqual([]);
    }
  });

  it('an A13 arriving before its A03 still leaves the cancelled discharge follow-up of the in-order run', () => {
    const a03 = event('1', 'A03', 10, { ...inpatient, ...discharge(10) });
    const a13 = event('2', 'A13', 12, inpatient);
    const replay = replayEncounter({ events: [a03, a13], existing: [], patientDeceased: false, config });
    expect(replay.effects.map((e) => e.type)).toEqual(['create', 'cancel']);
    expect(replay.effects[1]).toMatchObject({ type: 'cancel', reason: 'discharge_cancelled' });
    const created = replay.effects[0];
    expect(created?.type === 'create' ? created.ref : undefined).toBe(
      replay.effects[1]?.type === 'cancel' ? replay.effects[1].followUpId : 'none',
    );
  });

  it('keeps a follow-up a navigator worked on visible when a late A13 lands before its re-discharge', () => {
    const encounter = new MemoryEncounter();
    encounter.receive(event('3', 'A03', 80, { ...inpatient, ...discharge(79) }));
    const [first] = encounter.followUps;
    encounter.actions.add(first?.id ?? '');
    encounter.receive(event('1', 'A03', 50, { ...inpatient, ...discharge(49) }));
    encounter.receive(event('2', 'A13', 52, inpatient));
    // In event order the A13 lands on the follow-up that stands for the worked one: flagged, not
    // cancelled, and the re-discharge clears the flag again.
    expect(encounter.followUps).toHaveLength(1);
    expect(encounter.followUps[0]).toMatchObject({
      id: first?.id,
      status: 'open',
      dischargeCancelled: false,
    });
  });

  it('never reopens or edits a done follow-up', () => {
    const done = storedFollowUp({
      id: '7',
      kind: 'discharge',
      status: 'done',
      hasActions: true,
      dueAt: at(100),
      statusReason: 'contact made',
    });
    const replay = replayEncounter({
      events: [
        event('1', 'A01', 0, { ...inpatient, admittedAt: at(0) }),
        event('2', 'A03', 30, { ...inpatient, ...discharge(30) }),
        event('3', 'A11', 31, inpatient),
      ],
      existing: [done],
      patientDeceased: false,
      config,
    });
    expect(replay.effects).toEqual([]);
  });

  it('cancels as superseded a stored follow-up the in-order run never creates', () => {
    const encounter = new MemoryEncounter();
    encounter.receive(event('2', 'A03', 30, { ...inpatient, dischargedAt: at(30) }));
    expect(encounter.followUps).toMatchObject([{ status: 'open' }]);
    // An older A08 says the discharge was to a skilled nursing facility: no call task in order.
    encounter.receive(event('1', 'A08', 20, { ...inpatient, disposition: '03' }));
    expect(encounter.followUps).toMatchObject([{ status: 'cancelled', statusReason: 'superseded' }]);
  });

  it('creates nothing for a patient stored as deceased and cancels what is open', () => {
    const open = storedFollowUp({
      id: '9',
      kind: 'ed_visit',
      status: 'open',
      inEdNow: true,
      dueAt: at(30),
      statusReason: null,
    });
    const replay = replayEncounter({
      events: [
        event('1', 'A04', 0, { ...ed, admittedAt: at(0) }),
        event('2', 'A03', 5, { ...ed, ...discharge(5) }),
      ],
      existing: [open],
      patientDeceased: true,
      config,
    });
    expect(replay.effects).toEqual([
      { type: 'cancel', followUpId: '9', reason: 'deceased' },
      { type: 'cancel_all_for_patient', reason: 'deceased' },
    ]);
    expect(replay.effects.some((e) => e.type === 'create')).toBe(false);
  });

  it('sees the patient alive at the events before a death stored with a later time', () => {
    // The death was said at hour 40 and arrived before this replay; the discharge at hour 30 still
    // creates its follow-up, which the patient's death then cancels with the rest, as in order.
    const replay = replayEncounter({
      events: [
        event('1', 'A01', 0, { ...inpatient, admittedAt: at(0) }),
        event('2', 'A03', 30, { ...inpatient, ...discharge(30) }),
      ],
      existing: [],
      patientDeceased: true,
      patientDiedAt: at(40),
      config,
    });
    expect(replay.effects).toMatchObject([
      { type: 'create', kind: 'discharge' },
      { type: 'cancel_all_for_patient', reason: 'deceased' },
    ]);
    expect(replay.diedAt).toBeNull();
    const before = replayEncounter({
      events: [event('2', 'A03', 30, { ...inpatient, ...discharge(30) })],
      existing: [],
      patientDeceased: true,
      patientDiedAt: at(20),
      config,
    });
    expect(before.effects).toEqual([{ type: 'cancel_all_for_patient', reason: 'deceased' }]);
  });

  it('recomputes the timeline note of every event and the final state', () => {
    const replay = replayEncounter({
      events: [
        event('1', 'A01', 0, { ...inpatient, admittedAt: at(0) }),
        event('2', 'A03', 30, { ...inpatient, ...discharge(30, '03') }),
      ],
      existing: [],
      patientDeceased: false,
      config,
    });
    expect(replay.notes.get('1')).toEqual([]);
    expect(replay.notes.get('2')).toEqual([
      'Discharged to a skilled nursing facility; call when they leave that facility.',
    ]);
    expect(replay.state).toMatchObject({ patientClass: 'I', admittedAt: at(0), disposition: '03' });
  });

  it('ignores a duplicate retired by a merge when matching stored follow-ups', () => {
    const retired = storedFollowUp({
      id: '3',
      kind: 'discharge',
      status: 'cancelled',
      dueAt: at(30),
      statusReason: 'merged',
    });
    const kept: StoredFollowUp = { ...retired, id: '4', status: 'open', statusReason: null };
    const replay = replayEncounter({
      events: [event('1', 'A03', 30, { ...inpatient, ...discharge(30) })],
      existing: [retired, kept],
      patientDeceased: false,
      config,
    });
    expect(replay.effects.every((e) => e.type !== 'create' && e.type !== 'reopen')).toBe(true);
    expect(replay.effects.map((e) => ('followUpId' in e ? e.followUpId : null))).not.toContain('3');
  });
});
