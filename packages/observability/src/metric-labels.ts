/**
 * Label values that come from inbound messages (MSH-4, the trigger event) are chosen by whoever can
 * reach the MLLP port. Each distinct value is a new series kept for the life of the process, so a
 * sender inventing facilities would grow `/metrics` and the process's memory without bound. Only
 * known values become labels; everything else is counted under {@link OTHER_LABEL}.
 */

/** The label value for every facility or event that is not known. */
export const OTHER_LABEL = 'other';

/** Longest facility kept as a label; longer ones are {@link OTHER_LABEL} (truncating could merge two). */
export const MAX_FACILITY_LABEL_LENGTH = 64;

/** Facilities learned from accepted traffic, at most, when no allow-list names them. */
export const MAX_LEARNED_FACILITIES = 100;

// ADT trigger events as HL7 v2 defines them (A01 to A62); site-specific Z events and anything
// else a sender puts in MSH-9.2 are counted together.
const ADT_TRIGGER_EVENT = /^A(0[1-9]|[1-5]\d|6[0-2])$/;

/**
 * The label for a trigger event: `A01` to `A62`, else {@link OTHER_LABEL}.
 * @param event - a trigger event (`A03`) or a message type (`ADT^A03`)
 */
export function triggerEventLabel(event: string): string {
  const parts = event.split('^');
  const code = (parts.length > 1 ? (parts[1] ?? '') : event).trim().toUpperCase();
  return ADT_TRIGGER_EVENT.test(code) ? code : OTHER_LABEL;
}

/** Options of {@link FacilityLabels}. */
export interface FacilityLabelOptions {
  /** MSH-4 values the port accepts (`MLLP_ALLOWED_FACILITIES`); empty: learn from accepted traffic. */
  allowed: ReadonlySet<string>;
  /** Most facilities learned without an allow-list; {@link MAX_LEARNED_FACILITIES} by default. */
  maxLearned?: number;
}

/**
 * Which sending facilities are labels. With an allow-list, its entries; without one, the
 * facilities whose messages were accepted (a refused message never adds one), up to a limit.
 */
export class FacilityLabels {
  private readonly learned = new Set<string>();
  private readonly maxLearned: number;

  /** @param options - the allow-list and the learning limit */
  constructor(private readonly options: FacilityLabelOptions) {
    this.maxLearned = options.maxLearned ?? MAX_LEARNED_FACILITIES;
  }

  /**
   * The label for a facility: itself when known, else {@link OTHER_LABEL}.
   * @param facility - MSH-4 as sent
   */
  labelOf(facility: string): string {
    return this.isKnown(facility) ? facility : OTHER_LABEL;
  }

  /**
   * Records that a facility's message was accepted (`AA`/`CA`), so it becomes a label when no
   * allow-list names the facilities.
   * @param facility - MSH-4 as sent
   */
  noteAccepted(facility: string): void {
    if (this.options.allowed.size > 0 || this.learned.size >= this.maxLearned) return;
    if (facility === '' || facility.length > MAX_FACILITY_LABEL_LENGTH) return;
    this.learned.add(facility);
  }

  private isKnown(facility: string): boolean {
    if (facility === '' || facility.length > MAX_FACILITY_LABEL_LENGTH) return false;
    return this.options.allowed.size > 0 ? this.options.allowed.has(facility) : this.learned.has(facility);
  }
}
