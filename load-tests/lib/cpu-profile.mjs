/**
 * Where the server's CPU time went: the `.cpuprofile` files `node --cpu-prof` wrote when
 * the server exited, reduced to self time per function and per package.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @typedef {{ id: number, callFrame: { functionName: string, url: string, lineNumber: number }, hitCount?: number }} ProfileNode
 * @typedef {{ nodes: ProfileNode[], samples: number[], timeDeltas: number[], startTime: number, endTime: number }} Profile
 * @typedef {{ name: string, ms: number, share: number }} Entry
 * @typedef {{ file: string, totalMs: number, functions: Entry[], packages: Entry[] }} ProfileSummary
 */

/** @param {string} url @returns {string} the package or area a script belongs to */
function areaOf(url) {
  if (!url) return '(native / V8)';
  if (url.startsWith('node:')) return 'node: internals';
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pnpm?.[1]) return pnpm[1];
  const plain = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (plain?.[1]) return plain[1];
  const own = /\/(server|sdk)\/src\/([^/?]+)/.exec(url);
  return own ? `${own[1]}/src/${own[2]}` : url.replace(/^file:\/\//, '');
}

/** @param {string} url @returns {string} where a function is: the node: module, the repository file, or the package */
function placeOf(url) {
  if (url.startsWith('node:')) return url;
  const own = /\/((?:server|sdk)\/src\/[^?]+)/.exec(url);
  return own?.[1] ?? areaOf(url);
}

/**
 * @param {Map<string, number>} totals @param {number} all @param {number} top
 * @returns {Entry[]}
 */
function ranked(totals, all, top) {
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({ name, ms: us / 1000, share: all > 0 ? us / all : 0 }));
}

/**
 * Summarises the largest profile in `dir` (the server process; workers write smaller ones).
 * @param {string} dir @param {number} [top]
 * @returns {ProfileSummary | undefined}
 */
export function summariseProfile(dir, top = 15) {
  if (!existsSync(dir)) return undefined;
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  if (files.length === 0) return undefined;
  const sized = files.map((f) => ({ f, text: readFileSync(join(dir, f), 'utf8') }));
  sized.sort((a, b) => b.text.length - a.text.length);
  const largest = /** @type {{ f: string, text: string }} */ (sized[0]);
  /** @type {Profile} */
  const profile = JSON.parse(largest.text);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const fn = new Map();
  const area = new Map();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const us = profile.timeDeltas[i] ?? 0;
    if (!node || node.callFrame.functionName === '(idle)') return;
    all += us;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = placeOf(url);
    const key = `${functionName || '(anonymous)'} ${url ? `${where}:${lineNumber + 1}` : ''}`.trim();
    fn.set(key, (fn.get(key) ?? 0) + us);
    const group = functionName.startsWith('(') ? functionName : areaOf(url);
    area.set(group, (area.get(group) ?? 0) + us);
  });
  return {
    file: join(dir, largest.f),
    totalMs: all / 1000,
    functions: ranked(fn, all, top),
    packages: ranked(area, all, top),
  };
}
