// Adds up vitest's JSON reports into one closing line: "N passed, N failed".
import fs from 'node:fs';

let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) {
    failed++;
    console.log(`missing report ${file} (the run did not finish)`);
    continue;
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
  if (report.numTotalTests === 0) failed++;
}
console.log(`${passed} passed, ${failed} failed`);
