import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@adt/config';
import { findFacility, findFacilityNames, migrateDatabase } from '@adt/db';
import { createTestDatabase, type TestDatabase } from '@adt/testing';
import { runCaptured } from '../testing/captured-io.js';
import { parseFacilityArgs, runFacilityCommand, runInterfaceSpecCommand } from './facility.js';

describe('adt facility', () => {
  let db: TestDatabase;
  const facility = (args: string[]) =>
    runCaptured((io) => runFacilityCommand(db.pool, parseFacilityArgs(args), io));

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
      'facility\tname\tmode\ttime zone\tprocessing ids\tcertificate',
      "GENERAL_HOSP\tSt. Mary's General Hospital\tlive\t-\t-\t-",
      'LAKESIDE_MED\tLakeside Medical Center\tlive\t-\t-\t-',
    ]);
    const names = await findFacilityNames(db.pool, ['GENERAL_HOSP', 'UNNAMED']);
    expect([...names]).toEqual([['GENERAL_HOSP', "St. Mary's General Hospital"]]);
  });

  it('sets interface settings, keeps the ones not given, and clears one with none', async () => {
    const fingerprint = Array.from({ length: 32 }, () => 'AB').join(':');
    const set = await facility([
      'set',
      'RIVERSIDE',
      '--time-zone',
      'America/Chicago',
      '--processing-ids',
      'P,t',
      '--certificate-fingerprint',
      fingerprint,
      '--certificate-subject',
      'riverside-interface',
      '--mode',
      'test',
      '--ack-notes',
      'Resends after 30 s',
    ]);
    expect(set.code).toBe(0);
    expect(set.stdout).toEqual([
      'facility\tRIVERSIDE',
      'name\tRIVERSIDE',
      'mode\ttest',
      'time zone\tAmerica/Chicago',
      'processing ids\tP,T',
      'certificate subject\triverside-interface',
      `certificate fingerprint\t${'ab'.repeat(32)}`,
      'ack notes\tResends after 30 s',
    ]);
    await facility([
      'set',
      'RIVERSIDE',
      '--mode',
      'live',
      '--certificate-subject',
      'none',
      '--name',
      'Riverside',
    ]);
    expect(await findFacility(db.pool, 'RIVERSIDE')).toMatchObject({
      displayName: 'Riverside',
      mode: 'live',
      timeZone: 'America/Chicago',
      processingIds: ['P', 'T'],
      certificateSubject: null,
      certificateFingerprint: 'ab'.repeat(32),
    });
    expect((await facility(['show', 'RIVERSIDE'])).stdout).toContain('mode\tlive');
    expect((await facility(['show', 'NOWHERE'])).code).toBe(1);
  });

  it('refuses settings that cannot work', () => {
    expect(() => parseFacilityArgs(['set', 'X', '--time-zone', 'Mars/Olympus'])).toThrow(
      /not an IANA time zone/,
    );
    expect(() => parseFacilityArgs(['set', 'X', '--processing-ids', 'P,Q'])).toThrow(/P, T and D/);
    expect(() => parseFacilityArgs(['set', 'X', '--certificate-fingerprint', 'abc'])).toThrow(/SHA-256/);
    expect(() => parseFacilityArgs(['set', 'X', '--mode', 'paused'])).toThrow(/test or live/);
    expect(() => parseFacilityArgs(['set', 'X'])).toThrow(/at least one setting/);
    expect(() => parseFacilityArgs(['set', '--mode', 'test'])).toThrow(/one MSH-4 code/);
  });

  it('prints the interface specification of a facility with its settings', async () => {
    await facility([
      'set',
      'HARBOR',
      '--name',
      'Harbor Hospital',
      '--time-zone',
      'America/Denver',
      '--mode',
      'test',
    ]);
    const stdout: string[] = [];
    const code = await runInterfaceSpecCommand(
      db.pool,
      'HARBOR',
      loadConfig({ MLLP_PROCESSING_IDS: 'P,T' }),
      {
        out: (line) => stdout.push(line),
        err: () => undefined,
        readStdin: () => Promise.resolve(''),
      },
    );
    expect(code).toBe(0);
    const sheet = stdout.join('\n');
    expect(sheet).toContain('# ADT interface specification: Harbor Hospital (HARBOR)');
    expect(sheet).toContain('| Time zone of timestamps without an offset | America/Denver |');
    expect(sheet).toContain('| Port | 2575 |');
    expect(sheet).toMatch(/^MSH\|\^~\\&\|ADT_ENGINE\|HARBOR\|.*\|T\|2\.5\.1$/m);
  });

  it('refuses a missing code or name, a name too long and an unknown action', () => {
    expect(() => parseFacilityArgs(['name', 'GENERAL_HOSP'])).toThrow(
      /needs the MSH-4 code and a display name/,
    );
    expect(() => parseFacilityArgs(['name', 'GENERAL_HOSP', '  '])).toThrow(/display name/);
    expect(() => parseFacilityArgs(['name', 'X', 'y'.repeat(121)])).toThrow(/at most 120/);
    expect(() => parseFacilityArgs(['rename'])).toThrow(/facility needs name, set, show or list/);
  });
});
