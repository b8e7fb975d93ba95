#!/usr/bin/env node
// Runs the pnpm pinned in package.json#packageManager through corepack, with a
// `pnpm` shim on PATH so that nested `pnpm` calls in scripts get the same version.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A fresh private folder each run: no fixed path another user could own or plant.
const shimDir = mkdtempSync(join(tmpdir(), 'odkit-pnpm-'));
const shim = join(shimDir, 'pnpm');
writeFileSync(shim, `#!/bin/sh\nexec corepack pnpm "$@"\n`);
chmodSync(shim, 0o755);

const env = {
  ...process.env,
  PATH: `${shimDir}:${process.env.PATH ?? ''}`,
  COREPACK_ENABLE_DOWNLOAD_PROMPT: '0',
  COREPACK_ENABLE_AUTO_PIN: '0',
};
const result = spawnSync('corepack', ['pnpm', ...process.argv.slice(2)], { stdio: 'inherit', env });
rmSync(shimDir, { recursive: true, force: true });
if (result.error) {
  console.error(`Could not run pnpm through corepack (Node 20–24 ship it): ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
