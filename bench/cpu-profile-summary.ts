/**
 * Where a server's CPU time went: reads V8 CPU profiles (`.cpuprofile`, as `bench:load` writes
 * them with LOAD_PROFILE=<dir>) and prints self time by package or source file and by function,
 * as shares of the sampled time. Run by hand:
 *
 *   node --import tsx bench/cpu-profile-summary.ts <dir or file> [top N]
 */
import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** A source file's package (`yjs`, `ws`, …), or the file itself for our own code. */
function place(url: string): string {
  if (!url) return '(native / V8)';
  const clean = url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(clean);
  if (pkg) return pkg[1] as string;
  if (clean.startsWith('node:')) return clean;
  return path.basename(clean);
}

function summarize(file: string, top: number): void {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  let busy = 0;
  // Total (inclusive) time of every function: a sample counts for each function on its stack.
  const total = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const leaf = byId.get(id)?.callFrame.functionName;
    if (leaf === '(idle)' || leaf === '(program)') continue;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at)?.callFrame;
      if (!f || f.functionName === '(root)') continue;
      const fn = `${f.functionName || '(anonymous)'} ${place(f.url)}:${f.lineNumber + 1}`;
      if (seen.has(fn)) continue;
      seen.add(fn);
      total.set(fn, (total.get(fn) ?? 0) + us);
    }
  }
  const byPlace = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    busy += us;
    const where = functionName.startsWith('(') ? functionName : place(url);
    byPlace.set(where, (byPlace.get(where) ?? 0) + us);
    const fn = `${functionName || '(anonymous)'} ${place(url)}:${lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  const wall = (profile.endTime - profile.startTime) / 1e6;
  const table = (title: string, m: Map<string, number>) => {
    console.log(`\n${title}`);
    for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(
        `${((us / busy) * 100).toFixed(1).padStart(5)} %  ${(us / 1e3).toFixed(0).padStart(6)} ms  ${k}`,
      );
  };
  console.log(
    `${path.basename(file)}: ${wall.toFixed(1)} s sampled, ${(busy / 1e6).toFixed(2)} s busy in JavaScript and V8 (${((busy / 1e6 / wall) * 100).toFixed(1)} % of a core; idle and "(program)" left out)`,
  );
  table('self time by package or file', byPlace);
  table('self time by function', byFunction);
  table('total time by function (itself and what it calls)', total);
}

const [target = '.', topArg = '25'] = process.argv.slice(2);
const files = fs.statSync(target).isDirectory()
  ? fs
      .readdirSync(target)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => path.join(target, f))
  : [target];
for (const f of files) summarize(f, Number(topArg));
