// Writes custom-elements.json for each package that declares "customElements",
// from the JSDoc on its element classes (@slot, @csspart, @cssprop, @fires).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { root, workspacePackages } from './packages.mjs';

const cem = join(root, 'node_modules', '.bin', 'cem');
for (const { name, dir, pkg } of workspacePackages()) {
  if (!pkg.customElements) continue;
  const result = spawnSync(cem, ['analyze', '--litelement', '--globs', 'src/**/*.ts', '--outdir', '.', '--quiet'], {
    cwd: dir,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error(`custom-elements manifest failed for ${name}`);
    process.exit(result.status ?? 1);
  }
}
