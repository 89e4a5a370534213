import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ownerOf, summariseCpuProfile } from './cpu-profile-summary.js';

describe('ownerOf', () => {
  it('names the product package, the npm dependency, Node, or the V8 pseudo-frame', () => {
    expect(ownerOf('file:///w/packages/hl7/dist/mllp-decoder.js', 'push')).toBe('@adt/hl7');
    expect(ownerOf('file:///w/services/listener/dist/listener.js', 'x')).toBe('@adt/listener');
    expect(ownerOf('file:///w/node_modules/@scope/pkg/index.js', 'x')).toBe('@scope/pkg');
    expect(ownerOf('file:///w/node_modules/bullmq/node_modules/ioredis/built/a.js', 'x')).toBe('bullmq');
    expect(ownerOf('node:net', 'write')).toBe('node');
    expect(ownerOf('', '(garbage collector)')).toBe('(garbage collector)');
    expect(ownerOf('', 'writev')).toBe('(native)');
  });
});

describe('summariseCpuProfile', () => {
  it('adds self time per function and owner, leaving idle out of the shares', () => {
    const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0 });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(idle)', '') },
        { id: 2, callFrame: frame('query', 'file:///w/node_modules/pg/lib/client.js') },
        { id: 3, callFrame: frame('store', 'file:///w/packages/db/dist/repo.js') },
      ],
      samples: [1, 2, 2, 3],
      timeDeltas: [4000, 3000, 3000, 4000],
    };
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'profile-')), 'x.cpuprofile');
    writeFileSync(file, JSON.stringify(profile));
    const summary = summariseCpuProfile(file);
    expect(summary.totalMs).toBe(14);
    expect(summary.idleMs).toBe(4);
    expect(summary.byOwner).toEqual([
      { name: 'pg', ms: 6, pct: 60 },
      { name: '@adt/db', ms: 4, pct: 40 },
    ]);
    expect(summary.topFunctions[0]).toEqual({ name: 'query pg/client.js:1', ms: 6, pct: 60 });
  });
});
