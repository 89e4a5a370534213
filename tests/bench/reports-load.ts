/**
 * Scenario (reports): the impact-measures report of a large practice. It generates the practice in
 * the bench database (report-practice-seed.ts), then times, one request at a time through the
 * running API, the 12-month `GET /api/reports/measures` and a one-month members list, next to a
 * baseline measured in the same run: one plain read, by primary key order, of the same follow-up
 * rows with their patients (what any report of these follow-ups has to read). It also records the
 * EXPLAIN (ANALYZE, BUFFERS) of the report's two queries.
 */
import { performance } from 'node:perf_hooks';
import {
  addCalendarDays,
  ED_CONTACT_WINDOW_DAYS,
  localDate,
  MED_REC_WINDOW_DAYS,
  READMISSION_EXCLUDED_DISPOSITIONS,
  READMISSION_WINDOW_DAYS,
  TCM_TIMELY_ATTEMPTS,
  VISIT_WINDOW_DAYS,
} from '@adt/adt';
import { loadConfig } from '@adt/config';
import {
  countMeasureFollowUps,
  countMeasureIndexDischarges,
  withMeasureWorkMem,
  type MeasureScope,
  type Queryable,
} from '@adt/db';
import { latencyColumns, type ScenarioRow } from './bench-report.js';
import { LatencyRecorder } from './latency-recorder.js';
import { CpuMeter } from './process-memory.js';
import type { ProductStack } from './product-stack.js';
import { seedReportPractice, type PracticeSize, type SeededPractice } from './report-practice-seed.js';

/** Options of the reports scenario. */
export interface ReportsOptions {
  size: PracticeSize;
  /** Timed requests of each kind (after one untimed warm-up). */
  runs: number;
}

/** One timed kind of request. */
export interface TimedRequests {
  latency: LatencyRecorder;
  seconds: number;
  errors: number;
  /** Bytes of the last answer (0 for the baseline, which is no HTTP answer). */
  bytes: number;
}

/** A query's EXPLAIN (ANALYZE, BUFFERS) in short. */
export interface PlanSummary {
  query: string;
  executionMs: number;
  planningMs: number;
  sharedHitBlocks: number;
  sharedReadBlocks: number;
  tempBlocks: number;
  /** One line per plan node, indented by depth: type, relation or index, rows × loops, time. */
  nodes: string[];
}

/** What the reports scenario measured. */
export interface ReportsResult {
  practice: SeededPractice;
  baseline: TimedRequests & { rows: number };
  measures: TimedRequests;
  members: TimedRequests & { from: string; to: string; items: number };
  plans: PlanSummary[];
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'CTE Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Actual Total Time'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  'Temp Read Blocks'?: number;
  'Temp Written Blocks'?: number;
  Plans?: PlanNode[];
}
interface ExplainOutput {
  Plan: PlanNode;
  'Planning Time': number;
  'Execution Time': number;
}

const MAX_PLAN_LINES = 30;

function planLines(node: PlanNode, depth = 0, lines: string[] = []): string[] {
  if (lines.length >= MAX_PLAN_LINES) return lines;
  const on = node['Index Name'] ?? node['Relation Name'] ?? node['CTE Name'];
  lines.push(
    `${'  '.repeat(depth)}${node['Node Type']}${on ? ` on ${on}` : ''}: ${node['Actual Rows'] ?? 0} rows x ${node['Actual Loops'] ?? 0}, ${Math.round(node['Actual Total Time'] ?? 0)} ms`,
  );
  for (const child of node.Plans ?? []) planLines(child, depth + 1, lines);
  return lines;
}

/**
 * A Queryable that answers every query with the EXPLAIN (ANALYZE, BUFFERS) of it and keeps the
 * plans: the report's own query functions then show their plans with their own parameters (and,
 * inside the report's transaction, its work_mem).
 */
function explainingQueryable(db: Queryable, query: string, plans: PlanSummary[]): Queryable {
  const run = async (text: string, values?: unknown[]) => {
    const { rows } = await db.query<{ 'QUERY PLAN': ExplainOutput[] }>(
      `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${text}`,
      values,
    );
    const output = rows[0]?.['QUERY PLAN'][0];
    if (output) {
      const root = output.Plan;
      plans.push({
        query,
        executionMs: Math.round(output['Execution Time']),
        planningMs: Math.round(output['Planning Time'] * 10) / 10,
        sharedHitBlocks: root['Shared Hit Blocks'] ?? 0,
        sharedReadBlocks: root['Shared Read Blocks'] ?? 0,
        tempBlocks: (root['Temp Read Blocks'] ?? 0) + (root['Temp Written Blocks'] ?? 0),
        nodes: planLines(root),
      });
    }
    // The report's queries are aggregates: their callers read one row (here with no columns).
    return { rows: [{}], rowCount: 1 };
  };
  // Only `query(text, values)` is ever called by the measure queries.
  return { query: run } as unknown as Queryable;
}

async function timeRequests(runs: number, request: () => Promise<number>): Promise<TimedRequests> {
  const latency = new LatencyRecorder();
  let errors = 0;
  let bytes = 0;
  // One untimed warm-up: plans cached, pages in shared buffers, as for a practice that uses it.
  await request().catch(() => 0);
  const started = performance.now();
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    try {
      bytes = await request();
      latency.record(performance.now() - t0);
    } catch {
      errors += 1;
    }
  }
  return { latency, errors, bytes, seconds: (performance.now() - started) / 1000 };
}

async function apiGet(stack: ProductStack, url: string): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${stack.apiPort}${url}`, {
    headers: { authorization: `Bearer ${stack.adminToken}` },
    signal: AbortSignal.timeout(120_000),
  });
  const body = await response.text();
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${body.slice(0, 200)}`);
  return body;
}

/**
 * Generates the practice and measures the reports.
 * @param stack - the product (its database gets the generated practice)
 * @param options - practice size and timed runs
 * @param say - progress lines
 */
export async function measureReports(
  stack: ProductStack,
  options: ReportsOptions,
  say: (text: string) => void,
): Promise<ReportsResult> {
  const timeZone = loadConfig(process.env).practice.timeZone;
  // Twelve months ending yesterday: the period a leader reviews at the end of a year.
  const to = addCalendarDays(localDate(new Date(), timeZone), -1);
  const from = addCalendarDays(to, -364);
  say(
    `reports: generating ${options.size.followUps.toLocaleString('en-US')} follow-ups from ${from} to ${to}`,
  );
  const practice = await seedReportPractice(stack.pool, options.size, { from, to, timeZone });
  say(`reports: generated in ${practice.seconds} s: ${JSON.stringify(practice.rows)}`);

  let baselineRows = 0;
  const baseline = await timeRequests(options.runs, async () => {
    const { rows } = await stack.pool.query<{ id: string }>(
      `SELECT f.id, f.kind, f.team, f.status, f.due_at, f.encounter_id, p.id AS patient_id, p.mrn,
              p.assigning_authority, p.family_name, p.given_name
         FROM follow_ups f JOIN patients p ON p.id = f.patient_id
        ORDER BY f.id`,
    );
    baselineRows = rows.length;
    return 0;
  });
  const measures = await timeRequests(options.runs, async () => {
    const body = await apiGet(stack, `/api/reports/measures?from=${from}&to=${to}`);
    return body.length;
  });
  const monthFrom = addCalendarDays(to, -29);
  let items = 0;
  const members = await timeRequests(options.runs, async () => {
    const body = await apiGet(
      stack,
      `/api/reports/measures/tcm_contact_2bd/members?from=${monthFrom}&to=${to}`,
    );
    items = (JSON.parse(body) as { items: unknown[] }).items.length;
    return body.length;
  });

  const plans: PlanSummary[] = [];
  const scope: MeasureScope = { from, to, timeZone, teams: null, facility: null };
  await withMeasureWorkMem(stack.pool, (db) =>
    countMeasureFollowUps(
      explainingQueryable(db, 'follow-ups', plans),
      scope,
      {
        visitDays: [VISIT_WINDOW_DAYS.visit_7d, VISIT_WINDOW_DAYS.visit_14d],
        medRecDays: MED_REC_WINDOW_DAYS,
        edContactDays: ED_CONTACT_WINDOW_DAYS,
      },
      { timelyAttempts: TCM_TIMELY_ATTEMPTS, percentiles: [50, 90] },
    ),
  );
  await withMeasureWorkMem(stack.pool, (db) =>
    countMeasureIndexDischarges(explainingQueryable(db, 'index discharges', plans), scope, {
      excludedDispositions: READMISSION_EXCLUDED_DISPOSITIONS,
      windowDays: READMISSION_WINDOW_DAYS,
    }),
  );
  for (const plan of plans) {
    say(
      `reports: plan of the ${plan.query} query: ${plan.executionMs} ms, shared hit ${plan.sharedHitBlocks}, read ${plan.sharedReadBlocks}, temp ${plan.tempBlocks}`,
    );
    for (const line of plan.nodes) say(`  ${line}`);
  }
  return {
    practice,
    baseline: { ...baseline, rows: baselineRows },
    measures,
    members: { ...members, from: monthFrom, to, items },
    plans,
  };
}

function requestRow(
  base: Pick<ScenarioRow, 'name' | 'label' | 'kind'>,
  timed: TimedRequests,
  detail: Record<string, unknown>,
): ScenarioRow {
  const count = timed.latency.count;
  return {
    ...base,
    connections: 1,
    count,
    seconds: Math.round(timed.seconds * 100) / 100,
    msgs_per_s: timed.seconds > 0 ? Math.round((count / timed.seconds) * 10) / 10 : 0,
    ...latencyColumns(timed.latency.summary()),
    rss_mb: {},
    errors: timed.errors,
    detail: timed.bytes > 0 ? { ...detail, bytes: timed.bytes } : detail,
  };
}

/**
 * (reports): the 12-month report, a one-month members list and the plain-read baseline as rows.
 * @param stack - the product
 * @param options - practice size and timed runs
 * @param say - progress lines
 */
export async function reportsRows(
  stack: ProductStack,
  options: ReportsOptions,
  say: (text: string) => void,
): Promise<ScenarioRow[]> {
  const cpu = new CpuMeter({ api: stack.pids.api, bench: process.pid });
  const result = await measureReports(stack, options, say);
  const followUps = result.practice.rows.follow_ups ?? 0;
  const actions = result.practice.rows.care_actions ?? 0;
  const size = `${followUps.toLocaleString('en-US')} follow-ups, ${actions.toLocaleString('en-US')} actions`;
  const measures = requestRow(
    {
      name: 'reports_measures_12m',
      label: `(reports) GET /api/reports/measures, 12 months, ${size}`,
      kind: 'product',
    },
    result.measures,
    {
      period: { from: result.practice.from, to: result.practice.to },
      practice: result.practice.rows,
      seed_s: result.practice.seconds,
      plans: result.plans,
    },
  );
  return [
    requestRow(
      {
        name: 'reports_plain_read',
        label: `baseline: one plain read of the ${result.baseline.rows.toLocaleString('en-US')} follow-ups with their patients`,
        kind: 'baseline',
      },
      result.baseline,
      { rows: result.baseline.rows },
    ),
    { ...measures, cpu_s: cpu.used() },
    requestRow(
      {
        name: 'reports_members_1m',
        label: `(reports) GET …/tcm_contact_2bd/members, 1 month, ${result.members.items.toLocaleString('en-US')} items`,
        kind: 'product',
      },
      result.members,
      { period: { from: result.members.from, to: result.members.to }, items: result.members.items },
    ),
  ];
}
