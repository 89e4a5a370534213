/**
 * Prints `EXPLAIN (ANALYZE, BUFFERS)` of the product's own queries for the worklist, the follow-up
 * search, the message search and the census against a database filled by `generate.sql`
 * (docs/postgres-at-scale.md). The SQL and parameters are the ones the repository functions send:
 * each function runs against a recorder, and the recorded statement is explained.
 *
 *   node --conditions=@adt/source --import tsx tests/bench/postgres-scale/explain-plans.ts <database-url>
 */
import pg from 'pg';
import { DEFAULT_OBSERVATION_CODES, STAY_LIMITS } from '@adt/adt';
import {
  findMessageById,
  listCensusCandidates,
  listMessages,
  listWorklist,
  patientSearchTerms,
  searchFollowUps,
  type Queryable,
} from '@adt/db';

const DAY_MS = 86_400_000;

/** Runs `call` against a fake database and returns the one statement it sent. */
async function statementOf(
  call: (db: Queryable) => Promise<unknown>,
): Promise<{ text: string; values: unknown[] }> {
  const sent: { text: string; values: unknown[] }[] = [];
  const recorder = {
    query: (text: string, values: unknown[] = []) => {
      sent.push({ text, values });
      return Promise.resolve({ rows: [], rowCount: 0 });
    },
  } as unknown as Queryable;
  await call(recorder).catch(() => undefined);
  const first = sent[0];
  if (!first) throw new Error('no statement sent');
  return first;
}

async function main(): Promise<void> {
  const url = process.argv[2];
  if (!url) throw new Error('usage: explain-plans.ts <database-url>');
  const pool = new pg.Pool({ connectionString: url, max: 1, options: '-c jit=off' });
  const now = new Date();
  const endOfToday = new Date(now.getTime() + DAY_MS);
  const someMrn = (await pool.query<{ mrn: string }>(`SELECT mrn FROM patients WHERE id = 1234567`)).rows[0]
    ?.mrn;
  const someControlId = (
    await pool.query<{ control_id: string }>(`SELECT control_id FROM inbound_messages WHERE id = 7654321`)
  ).rows[0]?.control_id;
  const someMessage =
    (await pool.query<{ id: string }>(`SELECT max(id)::text AS id FROM inbound_messages`)).rows[0]?.id ?? '1';
  const allTeams = Array.from({ length: 10 }, (_, i) => `team${String(i)}`);

  const cases: [string, (db: Queryable) => Promise<unknown>][] = [
    [
      'worklist, one team, first page',
      (db) =>
        listWorklist(db, {
          createdBefore: endOfToday,
          overdueBefore: now,
          team: 'team3',
          offset: 0,
          limit: 100,
          observationCodes: DEFAULT_OBSERVATION_CODES,
          limits: STAY_LIMITS,
        }),
    ],
    [
      'worklist, a navigator on three teams, first page',
      (db) =>
        listWorklist(db, {
          createdBefore: endOfToday,
          overdueBefore: now,
          teams: allTeams.slice(0, 3),
          offset: 0,
          limit: 100,
          observationCodes: DEFAULT_OBSERVATION_CODES,
          limits: STAY_LIMITS,
        }),
    ],
    ['follow-up search by MRN', (db) => searchFollowUps(db, { mrn: someMrn ?? '', limit: 100 })],
    [
      'follow-up search by name (q=)',
      (db) =>
        searchFollowUps(db, { patient: patientSearchTerms('fam1234, giv12'), teams: allTeams, limit: 100 }),
    ],
    ['follow-up search, newest of all teams', (db) => searchFollowUps(db, { teams: allTeams, limit: 100 })],
    ['message search, newest', (db) => listMessages(db, { limit: 100 })],
    [
      'message search by control id',
      (db) => listMessages(db, { controlId: someControlId ?? '', limit: 100 }),
    ],
    ['message search by MRN', (db) => listMessages(db, { mrn: someMrn ?? '', limit: 100 })],
    ['message search, failed', (db) => listMessages(db, { status: 'failed', limit: 100 })],
    ['message search, one facility', (db) => listMessages(db, { facility: 'FAC7', limit: 100 })],
    [
      'message search, one day a year ago',
      (db) =>
        listMessages(db, {
          from: new Date(now.getTime() - 365 * DAY_MS),
          to: new Date(now.getTime() - 364 * DAY_MS),
          limit: 100,
        }),
    ],
    ['message detail with raw HL7', (db) => findMessageById(db, someMessage)],
    [
      'census',
      (db) =>
        listCensusCandidates(db, {
          since: new Date(now.getTime() - 30 * DAY_MS),
          observationCodes: DEFAULT_OBSERVATION_CODES,
        }),
    ],
  ];

  try {
    for (const [name, call] of cases) {
      const { text, values } = await statementOf(call);
      const plan = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
      process.stdout.write(
        `\n### ${name}\n\n\`\`\`\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}\n\`\`\`\n`,
      );
    }
  } finally {
    await pool.end();
  }
}

await main();
