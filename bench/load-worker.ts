// One load run in a process of its own: reads its LoadSpec from BENCH_LOAD, prints the result and
// the CPU seconds it used itself as one JSON line.
import { type LoadSpec, runLoad } from './load.ts';

const spec = JSON.parse(process.env.BENCH_LOAD ?? '') as LoadSpec;
const result = await runLoad(spec);
const usage = process.cpuUsage();
process.stdout.write(`${JSON.stringify({ result, cpuSeconds: (usage.user + usage.system) / 1e6 })}\n`);
process.exit(0);
