import { describe, expect, it } from 'vitest';
import { postgresWarnings } from './machine-info.js';

describe('postgresWarnings', () => {
  it('says so when autovacuum is off', () => {
    const warnings = postgresWarnings({ autovacuum: 'off', synchronous_commit: 'on' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('autovacuum off');
  });

  it('says so when commits are not synchronous', () => {
    expect(postgresWarnings({ autovacuum: 'on', synchronous_commit: 'off' })).toEqual([
      expect.stringContaining('synchronous_commit = off'),
    ]);
  });

  it('has nothing to say about a production-like server', () => {
    expect(postgresWarnings({ autovacuum: 'on', synchronous_commit: 'on', jit: 'off' })).toEqual([]);
  });
});
