// Packs every published package into one folder, for hosts who want the kit before it is on
// the registry: `npm run pack` (install, build, then this) leaves the tarballs in `packs/`
// and prints the one `npm install` line that takes them all (npm resolves the packages'
// dependencies on each other from the same command, so the order does not matter).
// `node scripts/pack.mjs [folder]` packs an already built tree.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { packAll } from './pack-check.mjs';
import { root } from './packages.mjs';

const destination = resolve(root, process.argv[2] ?? 'packs');
const scratch = mkdtempSync(join(tmpdir(), 'odkit-pack-'));
try {
  const packed = packAll(scratch);
  mkdirSync(destination, { recursive: true });
  // Only this run's tarballs in the folder: an older version left there would be installed too.
  for (const old of readdirSync(destination).filter((f) => f.endsWith('.tgz'))) rmSync(join(destination, old));
  const files = packed.map(({ tarball }) => {
    copyFileSync(tarball, join(destination, basename(tarball)));
    return join(destination, basename(tarball));
  });
  const shown = relative(process.cwd(), destination) || '.';
  console.log(`Packed ${files.length} packages into ${shown}/:`);
  for (const f of files) console.log(`  ${basename(f)}`);
  console.log('\nInstall them all into your project with (from your project folder, path adjusted):');
  console.log(`  npm install ${files.map((f) => relative(process.cwd(), f)).join(' ')}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
