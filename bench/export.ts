/**
 * Export of a big workshop: 8 group boards × 500 objects (stickies, shapes, texts, arrows),
 * with comments, suggestions and a dot vote, exported to the PDF report and to the ZIP
 * bundle from the data dir (as the CLI does). Run by hand, not a test:
 *
 *   npm run bench:export        (or `npx -y pnpm@10.34.9 run bench:export`)
 *
 * Targets (issue 7, this machine): PDF ≤ 5 s, ZIP ≤ 10 s, peak RSS ≤ 500 MB. Each export runs
 * three times in a fresh process (`export-run.ts`); the median time and the highest peak are
 * reported and written to bench/results/export.json.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BOARDS, PER_BOARD, seedBigWorkshop } from './export-seed.js';

const RUNS = 3;
const TARGETS = { pdfMs: 5_000, zipMs: 10_000, rssMb: 500 } as const;
const here = path.dirname(fileURLToPath(import.meta.url));

function runOnce(dataDir: string, wid: string, format: 'pdf' | 'zip') {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', path.join(here, 'export-run.ts'), dataDir, wid, format],
    { cwd: here, encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as {
    ms: number;
    bytes: number;
    maxRssMb: number;
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'torg-bench-export-'));
try {
  const seedStart = performance.now();
  const { workshopId: wid } = await seedBigWorkshop(dataDir);
  if (process.env.BENCH_KEEP) console.log(`workshop ${wid}`);
  console.log(
    `seeded ${BOARDS} boards × ${PER_BOARD} objects in ${Math.round(performance.now() - seedStart)} ms`,
  );
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    workshop: { boards: BOARDS, objectsPerBoard: PER_BOARD, comments: BOARDS * 10, dots: 48 },
    targets: TARGETS,
  };
  for (const format of ['pdf', 'zip'] as const) {
    const runs = Array.from({ length: RUNS }, () => runOnce(dataDir, wid, format));
    const ms = median(runs.map((r) => r.ms));
    const rss = Math.max(...runs.map((r) => r.maxRssMb));
    const target = format === 'pdf' ? TARGETS.pdfMs : TARGETS.zipMs;
    results[format] = {
      medianMs: ms,
      runsMs: runs.map((r) => r.ms),
      bytes: runs[0]?.bytes,
      peakRssMb: rss,
    };
    console.log(
      `${format.toUpperCase()}: median ${ms} ms (runs ${runs.map((r) => r.ms).join(', ')}; target ≤ ${target}) · ${(runs[0]?.bytes ?? 0) / 1e6} MB · peak RSS ${rss} MB (target ≤ ${TARGETS.rssMb}) ${ms <= target && rss <= TARGETS.rssMb ? 'OK' : 'MISSED'}`,
    );
  }
  fs.mkdirSync(path.join(here, 'results'), { recursive: true });
  fs.writeFileSync(
    path.join(here, 'results', 'export.json'),
    `${JSON.stringify(results, null, 2)}\n`,
  );
  console.log('written to bench/results/export.json');
} finally {
  // BENCH_KEEP=1 keeps the seeded data folder, to profile one export by hand:
  //   node --import tsx export-run.ts <dataDir> <workshopId> zip
  if (process.env.BENCH_KEEP) console.log(`kept ${dataDir}`);
  else fs.rmSync(dataDir, { recursive: true, force: true });
}
