// `npm run bench [suite...]`: runs the benchmark suites and prints a Markdown table
// (copy it into docs/benchmarks.md with the date and machine).
import { runDatabaseBench } from './databaseBench.mjs';
import { runScanBench } from './scanBench.mjs';

const suites = { database: runDatabaseBench, scan: runScanBench };
const wanted = process.argv.slice(2).filter((name) => !name.startsWith('-'));
const selected = wanted.length > 0 ? wanted : Object.keys(suites);

for (const name of selected) {
  if (!suites[name]) {
    console.error(`unknown suite "${name}": choose from ${Object.keys(suites).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n### ${name}\n`);
  console.log('| measurement | median | range | runs | vs baseline | peak RSS | target |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const row of await suites[name]()) console.log(row);
}
