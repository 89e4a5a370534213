import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTeam, migrateDatabase } from '@adt/db';
import { createTestDatabase, type TestDatabase } from '@adt/testing';
import { describeRosterImport, importRosterFile } from './roster.js';

const HEADER = 'identifier,assigning_authority,family_name,given_name,birth_date,sex,team,pcp';
const backfill = {
  rules: {
    calendar: { zone: 'America/New_York', holidays: new Set<string>() },
    observationCodes: new Set(['OBS']),
  },
  defaultTeam: 'default',
  zone: 'America/New_York',
};

describe('roster import <file.csv>', () => {
  let db: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    db = await createTestDatabase(migrateDatabase, 'cliroster');
    dir = await mkdtemp(path.join(os.tmpdir(), 'adt-roster-'));
    await addTeam(db.pool, { name: 'north' });
    await addTeam(db.pool, { name: 'south' });
  });

  afterAll(async () => {
    await db.drop();
  });

  async function rosterFile(name: string, rows: string[]): Promise<string> {
    const file = path.join(dir, name);
    await writeFile(file, [HEADER, ...rows].join('\n'));
    return file;
  }

  async function activeEntries(): Promise<{ identifier: string; team: string }[]> {
    const result = await db.pool.query<{ identifier: string; team: string }>(
      'SELECT identifier, team FROM roster_entries WHERE removed_at IS NULL ORDER BY identifier',
    );
    return result.rows;
  }

  it('imports the good rows in one go, reports bad ones by line, and updates on re-import', async () => {
    const first = await importRosterFile(
      db.pool,
      await rosterFile('first.csv', ['M1,GH,Doe,Jane,1950-01-01,F,north,', 'M2,GH,Roe,Rich,not-a-date,M,,']),
      { replace: false, backfill },
    );
    expect(first.imported).toMatchObject({ inserted: 1, updated: 0 });
    expect(describeRosterImport(first, false).err).toEqual([
      'line 3: birth_date is not a past date as YYYY-MM-DD',
    ]);
    expect(await activeEntries()).toEqual([{ identifier: 'M1', team: 'north' }]);

    const second = await importRosterFile(
      db.pool,
      await rosterFile('second.csv', ['M1,GH,Doe,Jane,1950-01-01,F,south,', 'M2,GH,Roe,Rich,1960-02-02,M,,']),
      { replace: false, backfill },
    );
    expect(second.imported).toMatchObject({ inserted: 1, updated: 1, removed: 0 });
    expect(describeRosterImport(second, false).out[0]).toBe(
      'imported 2 roster entries: 1 new, 1 updated, 0 re-enrolled, 0 removed; 0 rows rejected',
    );
    expect(await activeEntries()).toEqual([
      { identifier: 'M1', team: 'south' },
      { identifier: 'M2', team: '' },
    ]);
  });

  it('with --replace refuses a file with bad rows, and otherwise removes patients left out', async () => {
    const refused = await importRosterFile(
      db.pool,
      await rosterFile('bad.csv', ['M1,GH,Doe,Jane,1950-01-01,F,south,', ',GH,X,Y,,,,']),
      { replace: true, backfill },
    );
    expect(refused.imported).toBeNull();
    expect(describeRosterImport(refused, true).out[0]).toMatch(/--replace needs every row valid/);
    expect(await activeEntries()).toHaveLength(2);

    const replaced = await importRosterFile(
      db.pool,
      await rosterFile('whole.csv', ['M1,GH,Doe,Jane,1950-01-01,F,south,']),
      { replace: true, backfill },
    );
    expect(replaced.imported).toMatchObject({ updated: 1, removed: 1 });
    expect(await activeEntries()).toEqual([{ identifier: 'M1', team: 'south' }]);

    // Back on the roster later: re-enrolled, not new.
    const back = await importRosterFile(
      db.pool,
      await rosterFile('back.csv', ['M2,GH,Roe,Rich,1960-02-02,M,,']),
      { replace: false, backfill },
    );
    expect(back.imported).toMatchObject({ inserted: 0, reactivated: 1 });
    expect(back.imported?.enrolledEntryIds).toHaveLength(1);
  });

  it('rejects the rows naming a team nobody added, by line; with --replace they stop the import', async () => {
    const file = await rosterFile('teams.csv', [
      'M1,GH,Doe,Jane,1950-01-01,F,south,',
      'M3,GH,Poe,Pat,1970-03-03,F,nowhere,',
      'M2,GH,Roe,Rich,1960-02-02,M,,',
    ]);
    const replaced = await importRosterFile(db.pool, file, { replace: true, backfill });
    expect(replaced.imported).toBeNull();
    expect(describeRosterImport(replaced, true).err).toEqual([
      'line 3: no team nowhere; add it first (adt team add <name>)',
    ]);

    const merged = await importRosterFile(db.pool, file, { replace: false, backfill });
    expect(merged.imported).toMatchObject({ inserted: 0, updated: 2 });
    expect(describeRosterImport(merged, false).out[0]).toMatch(/; 1 rows rejected$/);
    expect((await activeEntries()).map((e) => e.identifier)).toEqual(['M1', 'M2']);
  });
});
