import fs from 'node:fs';
import path from 'node:path';

/**
 * Reads a V8 `.cpuprofile` (what `node --cpu-prof` writes): each node of the call tree has
 * a `hitCount`, the samples taken while that frame was on top of the stack. Its self time
 * is hitCount × the sampling interval; nodes of the same function (name + file:line) are
 * summed, wherever they were called from.
 */
interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: CpuProfileNode[];
  /** Microseconds. */
  startTime: number;
  endTime: number;
}

export interface FunctionSelfTime {
  name: string;
  /** file:line (1-based), shortened: relative to the repository or to node_modules. */
  location: string;
  ms: number;
  /** Share of the samples when the process was not idle. */
  busyShare: number;
}

export interface ProfileSummary {
  totalMs: number;
  idleMs: number;
  functions: FunctionSelfTime[];
}

function shortLocation(url: string, line: number, root: string): string {
  if (url === '') return '';
  let file = url.replace(/^file:\/\//, '');
  const modules = file.lastIndexOf('node_modules/');
  if (modules >= 0) file = file.slice(modules + 'node_modules/'.length);
  else if (file.startsWith(root)) file = path.relative(root, file);
  return `${file}:${line + 1}`;
}

export function summarizeProfile(file: string, root: string): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const hits = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const msPerHit = hits > 0 ? totalMs / hits : 0;
  const byFunction = new Map<string, FunctionSelfTime>();
  let idleMs = 0;
  for (const node of profile.nodes) {
    const ms = (node.hitCount ?? 0) * msPerHit;
    if (ms === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') {
      idleMs += ms;
      continue;
    }
    const name = functionName || '(anonyme)';
    const location = shortLocation(url, lineNumber, root);
    const key = `${name} ${location}`;
    const entry = byFunction.get(key) ?? { name, location, ms: 0, busyShare: 0 };
    entry.ms += ms;
    byFunction.set(key, entry);
  }
  const busyMs = totalMs - idleMs;
  const functions = [...byFunction.values()]
    .map((entry) => ({ ...entry, busyShare: busyMs > 0 ? entry.ms / busyMs : 0 }))
    .sort((a, b) => b.ms - a.ms);
  return { totalMs, idleMs, functions };
}

/**
 * Prints the `top` functions by self time of the profiles of a directory: the newest one, or
 * with `all`, every one (one per process). On PostgreSQL the main thread's wait for each
 * statement shows as synckit's `receiveMessageWithId` (its Atomics.wait); the worker thread
 * that holds the connection writes no profile of its own.
 */
export function printProfile(directory: string, root: string, top = 15, all = false): void {
  const profiles = fs
    .readdirSync(directory)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => path.join(directory, name))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  if (profiles.length === 0) {
    console.log(`Aucun profil CPU écrit dans ${directory}.`);
    return;
  }
  for (const file of all ? profiles.sort() : profiles.slice(0, 1)) {
    const { totalMs, idleMs, functions } = summarizeProfile(file, root);
    console.log(`Profil CPU du serveur Délib : ${file}`);
    console.log(
      `  ${(totalMs / 1000).toFixed(1)} s profilées, ${((idleMs / totalMs) * 100).toFixed(0)} % au repos ; temps propre des ${top} premières fonctions (part du temps actif) :`,
    );
    for (const entry of functions.slice(0, top)) {
      console.log(
        `  ${entry.ms.toFixed(0).padStart(7)} ms ${(entry.busyShare * 100).toFixed(1).padStart(5)} %  ${entry.name}  ${entry.location}`,
      );
    }
  }
}
