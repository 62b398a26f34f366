/** An optional CPU profile of the page (BENCH_PROFILE=1), mapped back to sources. */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}
interface SourceMap {
  sources: string[];
  names: string[];
  mappings: string;
}
type Segment = [col: number, source: number, line: number, name: number | null];

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes a v3 source map's mappings into segments per generated line. */
function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let source = 0;
  let line = 0;
  let name = 0;
  for (const text of mappings.split(';')) {
    const segs: Segment[] = [];
    let col = 0;
    for (const seg of text.split(',')) {
      if (!seg) continue;
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of seg) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      col += values[0] ?? 0;
      if (values.length >= 4) {
        source += values[1] ?? 0;
        line += values[2] ?? 0;
        let n: number | null = null;
        if (values.length >= 5) {
          name += values[4] ?? 0;
          n = name;
        }
        segs.push([col, source, line, n]);
      }
    }
    lines.push(segs);
  }
  return lines;
}

export async function summariseProfile(profile: CpuProfile): Promise<string[]> {
  const maps = new Map<string, { map: SourceMap; lines: Segment[][] } | null>();
  for (const node of profile.nodes) {
    const { url } = node.callFrame;
    if (!url.startsWith('http') || maps.has(url)) continue;
    const map = await fetch(`${url}.map`)
      .then((r) => (r.ok ? (r.json() as Promise<SourceMap>) : null))
      .catch(() => null);
    maps.set(url, map ? { map, lines: decodeMappings(map.mappings) } : null);
  }
  const where = (node: ProfileNode): { fn: string; file: string } => {
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const m = maps.get(url);
    const segs = m?.lines[lineNumber];
    if (!m || !segs) return { fn: functionName || '(anonymous)', file: url || functionName };
    let best: Segment | undefined;
    for (const s of segs) if (s[0] <= columnNumber) best = s;
    if (!best) return { fn: functionName || '(anonymous)', file: url };
    const file = (m.map.sources[best[1]] ?? '?').replace(/^(\.\.\/)+/, '');
    const name = best[3] === null ? functionName : (m.map.names[best[3]] ?? functionName);
    return { fn: `${name || '(anonymous)'} ${file}:${best[2] + 1}`, file };
  };
  const selfById = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i] ?? 0;
    selfById.set(id, (selfById.get(id) ?? 0) + (deltas[i] ?? 0) / 1000);
  }
  const byFn = new Map<string, number>();
  const byFile = new Map<string, number>();
  let busy = 0;
  for (const node of profile.nodes) {
    const ms = selfById.get(node.id) ?? 0;
    if (!ms || node.callFrame.functionName === '(idle)') continue;
    busy += ms;
    const w = where(node);
    byFn.set(w.fn, (byFn.get(w.fn) ?? 0) + ms);
    const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(w.file);
    const group = pkg ? `package ${pkg[1]}` : w.file;
    byFile.set(group, (byFile.get(group) ?? 0) + ms);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(
        ([k, ms]) =>
          `  ${ms.toFixed(0).padStart(6)} ms ${((100 * ms) / busy).toFixed(1).padStart(5)}%  ${k}`,
      );
  return [
    `busy (not idle) main thread: ${busy.toFixed(0)} ms`,
    'self time by source file / package:',
    ...top(byFile, 10),
    'self time by function:',
    ...top(byFn, 20),
  ];
}
