import { describe, expect, it } from 'vitest';
import { BenchUsageError, parseBenchOptions } from './bench-options.js';

describe('parseBenchOptions', () => {
  it('runs everything in full by default: 1,000,000-message soak paced at the sustained rate', () => {
    const settings = parseBenchOptions([], '/repo');
    expect(settings?.mode).toBe('full');
    expect(settings?.soakMessages).toBe(1_000_000);
    expect(settings?.soakRate).toBe(1000);
    expect([...(settings?.groups ?? [])]).toEqual(['baselines', 'a', 'b', 'c', 'd', 'e', 'reports']);
    expect(settings?.reportFollowUps).toBe(100_000);
    expect(settings?.resultsFile).toBe('/repo/bench-results.json');
    expect(settings?.cpuProfileDir).toBeNull();
  });

  it('shortens every scenario with --quick and takes overrides', () => {
    const settings = parseBenchOptions(
      ['--quick', '--soak', '2_000', '--soak-rate', '0', '--only', 'a,d', '--duration', '5', '--cpu-prof'],
      '/repo',
    );
    expect(settings?.mode).toBe('quick');
    expect(settings?.soakMessages).toBe(2000);
    expect(settings?.soakRate).toBeNull();
    expect([...(settings?.groups ?? [])]).toEqual(['a', 'd']);
    expect(settings?.durationMs).toBe(5000);
    expect(settings?.cpuProfileDir).toBe('/repo/bench-profiles');
  });

  it('selects the reports scenario on its own', () => {
    const settings = parseBenchOptions(['--only', 'reports'], '/repo');
    expect([...(settings?.groups ?? [])]).toEqual(['reports']);
    expect(settings?.reportRuns).toBe(10);
  });

  it('answers --help with null and refuses unknown flags and bad values', () => {
    expect(parseBenchOptions(['--help'], '/repo')).toBeNull();
    expect(() => parseBenchOptions(['--fast'], '/repo')).toThrow(BenchUsageError);
    expect(() => parseBenchOptions(['--soak', 'many'], '/repo')).toThrow(/--soak/);
    expect(() => parseBenchOptions(['--only', 'a,z'], '/repo')).toThrow(/--only/);
  });
});
