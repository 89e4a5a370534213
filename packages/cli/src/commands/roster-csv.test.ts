import { describe, expect, it } from 'vitest';
import { parseRosterCsv, RosterFileError } from './roster-csv.js';

const HEADER = 'identifier,assigning_authority,family_name,given_name,birth_date,sex,team,pcp';

describe('parseRosterCsv', () => {
  it('reads valid rows in any column order, normalising dates and sex', () => {
    const parsed = parseRosterCsv(
      [
        'team,identifier,assigning_authority,family_name,given_name,birth_date,sex,pcp,notes',
        'north,M1,GENERAL_HOSP,Doe,Jane,1950-01-01,f,Dr Who,x',
        ',M2,GENERAL_HOSP,"Roe, Jr",Rich,19600202,,,',
      ].join('\r\n'),
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.ignoredColumns).toEqual(['notes']);
    expect(parsed.rows).toEqual([
      {
        line: 2,
        entry: {
          identifier: 'M1',
          assigningAuthority: 'GENERAL_HOSP',
          familyName: 'Doe',
          givenName: 'Jane',
          birthDate: '1950-01-01',
          sex: 'F',
          team: 'north',
          pcp: 'Dr Who',
        },
      },
      {
        line: 3,
        entry: {
          identifier: 'M2',
          assigningAuthority: 'GENERAL_HOSP',
          familyName: 'Roe, Jr',
          givenName: 'Rich',
          birthDate: '1960-02-02',
          sex: '',
          team: '',
          pcp: '',
        },
      },
    ]);
  });

  it('reports each bad row with its line and keeps the good ones', () => {
    const parsed = parseRosterCsv(
      [
        HEADER,
        'M1,GH,Doe,Jane,1950-01-01,F,north,', // 2: good
        ',GH,Doe,John,1950-01-01,M,north,', // 3: no identifier
        'M3,,Doe,Jim,1950-01-01,M,north,', // 4: no assigning authority
        '', // 5: blank lines are skipped
        'M4,GH,Doe,Joan,1950-02-30,F,north,', // 6: no such date
        'M5,GH,Doe,Jo,2999-01-01,F,north,', // 7: born in the future
        'M6,GH,Doe,Jay,1950-01-01,Q,north,', // 8: unknown sex
        'M7,GH,Doe,Jan,1950-01-01,F', // 9: too few fields
        'M1,GH,Doe,Jane,1950-01-01,F,south,', // 10: same patient as line 2
        '"M8\nX",GH,Doe,Jil,1950-01-01,F,north,', // 11–12: one row over two lines, good
        'M9,GH,Doe,Jem,1950-01-01,F,north,', // 13: good
      ].join('\n'),
    );
    expect(parsed.rows.map((row) => [row.line, row.entry.identifier])).toEqual([
      [2, 'M1'],
      [11, 'M8\nX'],
      [13, 'M9'],
    ]);
    expect(parsed.problems).toEqual([
      { line: 3, message: 'identifier is empty' },
      { line: 4, message: 'assigning_authority is empty' },
      { line: 6, message: 'birth_date is not a past date as YYYY-MM-DD' },
      { line: 7, message: 'birth_date is not a past date as YYYY-MM-DD' },
      { line: 8, message: 'sex must be one of F, M, O, U, A, N, X or empty' },
      { line: 9, message: 'has 6 fields; the header has 8' },
      { line: 10, message: 'the same patient as line 2' },
    ]);
  });

  it('reports malformed quoting with its line', () => {
    const parsed = parseRosterCsv(
      [HEADER, 'M1,GH,Doe,Jane,,F,,', 'M2,GH,"Do"e,Jo,,F,,', 'M3,GH,Doe,Jim,,M,,'].join('\n'),
    );
    expect(parsed.rows.map((row) => row.entry.identifier)).toEqual(['M1']);
    expect(parsed.problems.map((problem) => problem.line)).toEqual([3, 4]);
    expect(parsed.problems[0]?.message).toBe('not valid CSV (CSV_INVALID_CLOSING_QUOTE)');
    // The parser reads the rest of the file as the unclosed field: the operator is told so.
    expect(parsed.problems[1]?.message).toMatch(/quoted field runs to the end of the file/);
  });

  it('never repeats row values in a problem (they are patient data)', () => {
    const parsed = parseRosterCsv([HEADER, 'SECRET1,GH,Secretname,Jane,1950-13-01,F,,'].join('\n'));
    expect(parsed.problems).toHaveLength(1);
    expect(JSON.stringify(parsed.problems)).not.toMatch(/SECRET1|Secretname|1950-13-01/);
  });

  it('rejects a file without a header or with a missing column', () => {
    expect(() => parseRosterCsv('')).toThrow(RosterFileError);
    expect(() => parseRosterCsv('identifier,assigning_authority,family_name\nM1,GH,Doe')).toThrow(
      /lacks given_name, birth_date, sex, team, pcp/,
    );
  });
});
