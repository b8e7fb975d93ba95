// Writes custom-elements.json for each package that declares "customElements", from the
// JSDoc on its element classes (@slot, @csspart, @cssprop, @fires). A package with
// "odkit": { "combinedManifest": true } (the kit) gets one built from its workspace
// dependencies' manifests instead: every element they declare, as the kit exports it.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, workspacePackages } from './packages.mjs';

const cem = join(root, 'node_modules', '.bin', 'cem');
const packages = workspacePackages();
const combined = (pkg) => pkg.odkit?.combinedManifest === true;

for (const { name, dir, pkg } of packages) {
  if (!pkg.customElements || combined(pkg)) continue;
  const result = spawnSync(cem, ['analyze', '--litelement', '--globs', 'src/**/*.ts', '--outdir', '.', '--quiet'], {
    cwd: dir,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error(`custom-elements manifest failed for ${name}`);
    process.exit(result.status ?? 1);
  }
  const file = join(dir, pkg.customElements);
  writeFileSync(file, `${JSON.stringify(publicOnly(JSON.parse(readFileSync(file, 'utf8'))), null, 2)}\n`);
}

for (const { name, dir, pkg } of packages) {
  if (!pkg.customElements || !combined(pkg)) continue;
  const sources = packages.filter(
    (p) => p.pkg.customElements && !combined(p.pkg) && p.name in (pkg.dependencies ?? {}),
  );
  const declarations = [];
  let schemaVersion;
  for (const source of sources) {
    const manifest = JSON.parse(readFileSync(join(source.dir, source.pkg.customElements), 'utf8'));
    schemaVersion ??= manifest.schemaVersion;
    for (const module of manifest.modules) {
      for (const declaration of module.declarations ?? []) {
        if (declaration.tagName) declarations.push(withPackage(declaration, source.name));
      }
    }
  }
  // The kit's index re-exports every element class; its define module registers each tag.
  const index = 'src/index.ts';
  const manifest = {
    schemaVersion,
    readme: '',
    modules: [
      {
        kind: 'javascript-module',
        path: index,
        declarations,
        exports: declarations.map((d) => ({ kind: 'js', name: d.name, declaration: { name: d.name, module: index } })),
      },
      {
        kind: 'javascript-module',
        path: 'src/define.ts',
        declarations: [],
        exports: declarations.map((d) => ({
          kind: 'custom-element-definition',
          name: d.tagName,
          declaration: { name: d.name, module: index },
        })),
      },
    ],
  };
  writeFileSync(join(dir, pkg.customElements), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`${name}: custom-elements.json with ${declarations.map((d) => `<${d.tagName}>`).join(', ')}`);
}

/**
 * The manifest describes the public API (it feeds Storybook's controls, the React wrappers and
 * hosts' editors): private and protected members, `#private` fields included, are left out.
 */
function publicOnly(manifest) {
  for (const module of manifest.modules ?? []) {
    for (const declaration of module.declarations ?? []) {
      if (!Array.isArray(declaration.members)) continue;
      declaration.members = declaration.members.filter(
        (m) => m.privacy !== 'private' && m.privacy !== 'protected' && !String(m.name).startsWith('#'),
      );
    }
  }
  return manifest;
}

/** A copy of `value` where every reference into a module of `pkg` (one without "package") names `pkg`. */
function withPackage(value, pkg) {
  if (Array.isArray(value)) return value.map((v) => withPackage(v, pkg));
  if (!value || typeof value !== 'object') return value;
  const copy = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withPackage(v, pkg)]));
  if (
    typeof copy.name === 'string' &&
    typeof copy.module === 'string' &&
    !copy.package &&
    Object.keys(copy).length === 2
  )
    copy.package = pkg;
  return copy;
}
