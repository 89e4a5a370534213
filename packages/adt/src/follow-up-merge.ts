import type { ExistingFollowUp } from './follow-up.js';
import { isActiveFollowUp } from './follow-up.js';

/**
 * When two records of one encounter are merged (a patient merge whose encounters collide, or an
 * A42 visit merge), the encounter may hold two active follow-ups of a kind. One task per
 * encounter and kind stays: the one a navigator already worked on (logged actions), else the
 * older one. The others are to be cancelled as `merged`; their actions stay in their history.
 *
 * @param followUps - the follow-ups of both records, oldest first
 * @returns the ids to cancel as merged
 */
export function duplicateFollowUpsToRetire(followUps: readonly ExistingFollowUp[]): string[] {
  const keepers = new Map<string, ExistingFollowUp>();
  const retire: string[] = [];
  for (const followUp of followUps.filter(isActiveFollowUp)) {
    const keeper = keepers.get(followUp.kind);
    if (!keeper) {
      keepers.set(followUp.kind, followUp);
    } else if (followUp.hasActions && !keeper.hasActions) {
      retire.push(keeper.id);
      keepers.set(followUp.kind, followUp);
    } else {
      retire.push(followUp.id);
    }
  }
  return retire;
}
