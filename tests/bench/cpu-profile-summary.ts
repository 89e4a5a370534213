/**
 * Reads a V8 `.cpuprofile` (written by `node --cpu-prof`) and says where the time went: self time
 * by function and by code owner (the product's packages, each dependency, Node internals, GC, idle).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time of one function or owner. */
export interface ProfileEntry {
  name: string;
  ms: number;
  /** Share of the busy (non-idle) time, percent. */
  pct: number;
}

/** Where a process spent its time. */
export interface ProfileSummary {
  file: string;
  totalMs: number;
  idleMs: number;
  byOwner: ProfileEntry[];
  topFunctions: ProfileEntry[];
}

/**
 * Who owns a script: `@adt/<package>` for the product, the npm package for a dependency, `node`
 * for Node's own JavaScript, or the V8 pseudo-frame ((garbage collector), (program), (idle)).
 * @param url - the call frame's script URL
 * @param functionName - the call frame's function name
 */
export function ownerOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node';
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dependency?.[1]) return dependency[1];
  const product = /\/(packages|services)\/([^/]+)\//.exec(url);
  if (product?.[2]) return `@adt/${product[2]}`;
  return url;
}

function top(map: Map<string, number>, busyMs: number, limit: number): ProfileEntry[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, us]) => ({
      name,
      ms: Math.round(us / 1000),
      pct: busyMs > 0 ? Math.round((us / 1000 / busyMs) * 1000) / 10 : 0,
    }));
}

/**
 * Summarises one profile.
 * @param file - path of the `.cpuprofile`
 * @param limit - how many functions to list
 */
export function summariseCpuProfile(file: string, limit = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const byOwner = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  profile.samples.forEach((nodeId, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const frame = nodes.get(nodeId)?.callFrame;
    if (!frame) return;
    totalUs += us;
    if (frame.functionName === '(idle)') {
      idleUs += us;
      return;
    }
    const owner = ownerOf(frame.url, frame.functionName);
    // Where: the owner and the file name ("query pg/client.js:1"), Node's module id as is.
    const script = frame.url.startsWith('node:')
      ? frame.url
      : `${owner}/${frame.url.split('/').at(-1) ?? ''}`;
    const name = owner.startsWith('(')
      ? owner
      : `${frame.functionName || '(anonymous)'} ${script}:${frame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + us);
  });
  const busyMs = (totalUs - idleUs) / 1000;
  return {
    file,
    totalMs: Math.round(totalUs / 1000),
    idleMs: Math.round(idleUs / 1000),
    byOwner: top(byOwner, busyMs, 12),
    topFunctions: top(byFunction, busyMs, limit),
  };
}
