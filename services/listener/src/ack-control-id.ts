/** MSH-10 of the acknowledgments this process sends. */

let sequence = 0;

/**
 * A new control ID for an ACK: the time in base 36 and a per-process sequence, so IDs are unique
 * within a process and sort by time; 20 characters at most (the v2.5 length of MSH-10).
 * @param prefix - `ACK` for acknowledgments, `BAT` for batch answers
 */
export function nextAckControlId(prefix = 'ACK'): string {
  sequence = (sequence + 1) % 1_679_616; // 36^4
  return `${prefix}${Date.now().toString(36).toUpperCase()}${sequence.toString(36).toUpperCase().padStart(4, '0')}`;
}
