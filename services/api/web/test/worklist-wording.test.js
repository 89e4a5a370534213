// Unit tests of what the worklist says it shows, and of the remembered list order.
import { describe, expect, it } from 'vitest';
import { searchSummaryText, worklistDayText, zonePlace } from '../public/assets/js/worklist-wording.js';
import { positionInOrder } from '../public/assets/js/worklist-order.js';

describe('worklistDayText', () => {
  it('names today, the end of the day and the practice time zone', () => {
    const text = worklistDayText('2026-12-06', '2026-12-06', 'America/New_York');
    expect(text.heading).toBe("Today's follow-ups");
    expect(text.dateLabel).toBe('List for today (practice time, New York)');
    expect(text.dueLabel).toBe('due by the end of today');
    expect(text.description).toBe(
      'Every open or in-progress follow-up that had arrived by the end of Sun 6 Dec 2026 (today), practice time, New York: overdue first, then by due time, then by risk.',
    );
  });

  it('names another day by its date', () => {
    const text = worklistDayText('2026-12-04', '2026-12-06', 'America/Los_Angeles');
    expect(text.heading).toBe('Follow-ups on Fri 4 Dec 2026');
    expect(text.dateLabel).toBe('List for Fri 4 Dec (practice time, Los Angeles)');
    expect(text.dueLabel).toBe('due by the end of Fri 4 Dec');
    expect(text.description).not.toContain('today');
  });

  it('reads the place of a zone', () => {
    expect(zonePlace('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
    expect(zonePlace('UTC')).toBe('UTC');
  });
});

describe('searchSummaryText', () => {
  it('says what was searched, where, and how to get the list back', () => {
    expect(
      searchSummaryText(1, 'quin', { more: false, status: '', teamLabel: 'all my teams (north, south)' }),
    ).toBe(
      '1 follow-up match “quin”: name, MRN or phone, any date, every status, all my teams (north, south). Clear the search (Esc) to see the list again.',
    );
    expect(searchSummaryText(0, 'zz', { more: false, status: 'open', teamLabel: 'team north' })).toMatch(
      /^No follow-up matches “zz”: name, MRN or phone, any date, not started, team north\./,
    );
    expect(searchSummaryText(50, 'smi', { more: true, status: '', teamLabel: 'all teams' })).toMatch(
      /^The newest 50 follow-ups match “smi”/,
    );
  });
});

describe('positionInOrder', () => {
  const order = { ids: ['7', '3', '9'], listUrl: '/?date=2026-12-06' };

  it('finds the follow-up and the one after it', () => {
    expect(positionInOrder(order, '7')).toEqual({ position: 1, total: 3, next: '3' });
    expect(positionInOrder(order, '9')).toEqual({ position: 3, total: 3, next: null });
  });

  it('knows nothing of a follow-up off the list, or without a list', () => {
    expect(positionInOrder(order, '4')).toBeNull();
    expect(positionInOrder(null, '7')).toBeNull();
  });
});
