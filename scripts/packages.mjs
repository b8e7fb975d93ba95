// The workspace's packages and their build entries, read from each package.json.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '..');

export function workspacePackages() {
  const dir = join(root, 'packages');
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'package.json')))
    .sort()
    .map((name) => {
      const path = join(dir, name);
      const pkg = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8'));
      // Each export with a "source" condition is a build entry: ./dist/<x>.js from ./src/<y>.ts
      const entries = Object.values(pkg.exports ?? {})
        .filter((e) => typeof e === 'object' && e.source && e.default)
        .map((e) => ({ source: join(path, e.source), output: join(path, e.default) }));
      return { name: pkg.name, dir: path, pkg, entries };
    });
}
