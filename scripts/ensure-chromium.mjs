#!/usr/bin/env node
// The browser tests run in Debian's Chromium (test runners cannot download their
// own browser here). Installs it with apt-get when missing (Debian, as root or with
// sudo); elsewhere set CHROME_PATH to any Chromium or Chrome binary.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);
if (process.env.CHROME_PATH) {
  console.error(`CHROME_PATH is set to ${path}, which does not exist.`);
  process.exit(1);
}
console.log('Chromium not found at /usr/bin/chromium; installing it with apt-get (about 25 s)…');
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const run = (args) => {
  const cmd = asRoot ? args[0] : 'sudo';
  const result = spawnSync(cmd, asRoot ? args.slice(1) : args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0) {
    console.error(
      `"${args.join(' ')}" failed. Install Chromium yourself, or set CHROME_PATH to a Chromium or Chrome binary.`,
    );
    process.exit(1);
  }
};
run(['apt-get', 'update', '-qq']);
run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'chromium']);
if (!existsSync(path)) {
  console.error(
    `apt-get installed chromium, but ${path} is still missing. Set CHROME_PATH to a Chromium or Chrome binary.`,
  );
  process.exit(1);
}
