import { check, type ScenarioRow, type TargetCheck } from './bench-report.js';
import type { SoakResult } from './soak.js';

/**
 * The targets of issue 7, and the reports target, checked against a run's rows.
 * @param rows - rows by name
 * @param ratios - durable1_vs_pgcommit1 and durable32_vs_medplum32
 * @param lost - ACKed messages not processed by the end
 * @param soak - the soak's RSS figures, when it ran
 */
export function targetChecks(
  rows: Map<string, ScenarioRow>,
  ratios: Record<string, number | null>,
  lost: number | null,
  soak: SoakResult | null,
): TargetCheck[] {
  const durable1 = rows.get('durable_1');
  const e2e = rows.get('e2e_sustained')?.detail;
  const growths = soak ? ['listener', 'worker'].map((n) => soak.rss[n]?.growthPct ?? null) : [];
  const known = growths.filter((g): g is number => g !== null);
  const maxGrowth = known.length > 0 && known.length === growths.length ? Math.max(...known) : null;
  const e2eP99 = typeof e2e?.e2e_p99_ms === 'number' ? e2e.e2e_p99_ms : null;
  const e2eMissing = typeof e2e?.e2e_missing === 'number' ? e2e.e2e_missing : 0;
  const worklistP99 = rows.get('worklist')?.p99_ms ?? null;
  const reportsP99 = rows.get('reports_measures_12m')?.p99_ms ?? null;
  const durable1Ratio = ratios.durable1_vs_pgcommit1 ?? null;
  const durable32Ratio = ratios.durable32_vs_medplum32 ?? null;
  return [
    {
      id: 'a',
      description: 'durable 1 conn / Postgres 1-conn commit rate',
      value: durable1Ratio,
      limit: '>= 0.6',
      met: check(durable1Ratio, (v) => v >= 0.6),
    },
    {
      id: 'a',
      description: 'durable 1 conn ACK p99, ms',
      value: durable1?.p99_ms ?? null,
      limit: '<= 5',
      met: check(durable1?.p99_ms ?? null, (v) => v <= 5),
    },
    {
      id: 'b',
      description: 'durable 32 conn / @medplum/hl7 32 conn',
      value: durable32Ratio,
      limit: '>= 1.0',
      met: check(durable32Ratio, (v) => v >= 1),
    },
    {
      id: 'c',
      description: 'end-to-end p99 at the sustained rate, ms',
      value: e2eP99,
      limit: '<= 250, none missing',
      met: check(e2eP99, (v) => v <= 250 && e2eMissing === 0),
    },
    {
      id: 'd',
      description: 'lost messages (whole run)',
      value: lost,
      limit: '= 0',
      met: check(lost, (v) => v === 0),
    },
    {
      id: 'd',
      description: 'soak RSS growth after warm-up, % (worst of listener, worker)',
      value: maxGrowth,
      limit: '< 10',
      met: check(maxGrowth, (v) => v < 10),
    },
    {
      id: 'e',
      description: 'worklist p99, ms',
      value: worklistP99,
      limit: '<= 50',
      met: check(worklistP99, (v) => v <= 50),
    },
    {
      id: 'reports',
      description: '12-month impact report of the generated practice, p99 ms',
      value: reportsP99,
      limit: '< 1000',
      met: check(reportsP99, (v) => v < 1000),
    },
  ];
}
