/**
 * Loaded with `node --require` into a process the benchmark times: at exit it writes the process's
 * resource usage (peak RSS among it) to the file TRUSTSIM_BENCH_USAGE names, so the figure is the whole
 * command's, as a user would see it, and not the benchmark's own.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.TRUSTSIM_BENCH_USAGE;
if (file) process.on('exit', () => writeFileSync(file, JSON.stringify(process.resourceUsage())));
