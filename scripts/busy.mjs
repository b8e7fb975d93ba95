// Runs a command beside CPU-bound work, to prove the suite does not depend on a quiet
// machine: `node scripts/busy.mjs [--workers N] -- npm run test:browser`.
// Each worker thread spins on arithmetic until the command ends; the command's exit code
// is this script's. Default: one worker per core, so the tests compete for every core.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

const args = process.argv.slice(2);
const dash = args.indexOf('--');
if (dash < 0 || dash === args.length - 1) {
  console.error('usage: node scripts/busy.mjs [--workers N] -- <command> [args…]');
  process.exit(2);
}
const flag = args.indexOf('--workers');
const workers = flag >= 0 && flag < dash ? Number(args[flag + 1]) : availableParallelism();
if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
  console.error(`busy: --workers must be a whole number from 1 to 64 (got ${args[flag + 1]})`);
  process.exit(2);
}

const spin = `
  const { parentPort } = require('node:worker_threads');
  let stop = false;
  parentPort.on('message', () => { stop = true; });
  let x = 0;
  (function burn() {
    const until = Date.now() + 50;
    while (Date.now() < until) x = (x * 1103515245 + 12345) % 2147483648;
    if (!stop) setImmediate(burn);
  })();
`;
const threads = Array.from({ length: workers }, () => new Worker(spin, { eval: true }));
console.log(`busy: ${workers} CPU-bound worker thread(s) beside: ${args.slice(dash + 1).join(' ')}`);

const child = spawn(args[dash + 1], args.slice(dash + 2), { stdio: 'inherit', shell: process.platform === 'win32' });
const finish = async (code) => {
  for (const t of threads) t.postMessage('stop');
  await Promise.all(threads.map((t) => t.terminate()));
  process.exit(code);
};
child.on('exit', (code, signal) => finish(code ?? (signal ? 1 : 0)));
child.on('error', (error) => {
  console.error(`busy: could not start ${args[dash + 1]}: ${error.message}`);
  finish(1);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
