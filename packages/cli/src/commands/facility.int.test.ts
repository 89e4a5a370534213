import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFacilityNames, migrateDatabase } from '@adt/db';
import { createTestDatabase, type TestDatabase } from '@adt/testing';
import { parseFacilityArgs, runFacilityCommand } from './facility.js';

describe('adt facility', () => {
  let db: TestDatabase;
  const facility = async (args: string[]) => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const code = await runFacilityCommand(db.pool, parseFacilityArgs(args), {
      out: (line) => stdout.push(line),
      err: (line) => stderr.push(line),
      readStdin: () => Promise.resolve(''),
    });
    return { code, stdout, stderr };
  };

  beforeAll(async () => {
    db = await createTestDatabase(migrateDatabase, 'clifacility');
  });

  afterAll(async () => {
    await db.drop();
  });

  it('names a facility, renames it, and lists the names', async () => {
    const named = await facility(['name', 'GENERAL_HOSP', 'General Hospital']);
    expect(named.code).toBe(0);
    expect(named.stderr).toEqual(['facility GENERAL_HOSP is shown as "General Hospital"']);
    await facility(['name', 'LAKESIDE_MED', 'Lakeside', 'Medical', 'Center']);
    await facility(['name', 'GENERAL_HOSP', "St. Mary's General Hospital"]);

    expect((await facility(['list'])).stdout).toEqual([
      'facility\tname',
      "GENERAL_HOSP\tSt. Mary's General Hospital",
      'LAKESIDE_MED\tLakeside Medical Center',
    ]);
    const names = await findFacilityNames(db.pool, ['GENERAL_HOSP', 'UNNAMED']);
    expect([...names]).toEqual([['GENERAL_HOSP', "St. Mary's General Hospital"]]);
  });

  it('refuses a missing code or name, a name too long and an unknown action', () => {
    expect(() => parseFacilityArgs(['name', 'GENERAL_HOSP'])).toThrow(
      /needs the MSH-4 code and a display name/,
    );
    expect(() => parseFacilityArgs(['name', 'GENERAL_HOSP', '  '])).toThrow(/display name/);
    expect(() => parseFacilityArgs(['name', 'X', 'y'.repeat(121)])).toThrow(/at most 120/);
    expect(() => parseFacilityArgs(['rename'])).toThrow(/facility needs name or list/);
  });
});
