// What each package publishes: packs every workspace package with pnpm (as `pnpm publish`
// would: workspace:* becomes the real version, publishConfig.exports replaces exports) and
// checks the tarball's file list and package.json. Fails naming every missing or extra file:
// - must be there: package.json, README.md, LICENSE (the root's text), every exports / main /
//   module / types target, a .d.ts for every JavaScript export, custom-elements.json where declared;
// - must not: anything else — src/, test/, stories, tsbuildinfo, source maps, tsconfig;
// - package.json: no "source" condition, no workspace: ranges, a licence, a description,
//   keywords, and "sideEffects" naming only define modules and registering bundles.
// Then `npm pack --dry-run` per package must succeed and list the same files.
// Run after the build (`npm run build`); `node scripts/pack-check.mjs` on its own.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, workspacePackages } from './packages.mjs';

const forbidden = [
  /^src\//,
  /^test\//,
  /(^|\/)stories?\//,
  /\.stories\./,
  /\.test\./,
  /\.tsbuildinfo$/,
  /\.map$/,
  /(^|\/)tsconfig[^/]*\.json$/,
  /(^|\/)node_modules\//,
];

/** The workspace packages that are published (not "private"). */
export function publishedPackages() {
  return workspacePackages().filter(({ pkg }) => !pkg.private);
}

/**
 * Packs every published package into `destination` with pnpm; returns
 * [{ name, dir, pkg, tarball, files, packed }] where `packed` is the tarball's package.json.
 */
export function packAll(destination) {
  return publishedPackages().map(({ name, dir, pkg }) => {
    const out = join(destination, name.replace(/^@/, '').replace('/', '-'));
    mkdirSync(out, { recursive: true });
    const result = spawnSync(process.execPath, [join(root, 'scripts/pnpm.mjs'), 'pack', '--pack-destination', out], {
      cwd: dir,
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`pnpm pack failed for ${name}:\n${result.stdout}\n${result.stderr}`);
    const tgz = readdirSync(out).find((f) => f.endsWith('.tgz'));
    if (!tgz) throw new Error(`pnpm pack wrote no tarball for ${name}`);
    const tarball = join(out, tgz);
    const files = tar(['-tzf', tarball])
      .split('\n')
      .filter((f) => f && !f.endsWith('/'))
      .map((f) => f.replace(/^package\//, ''))
      .sort();
    const packed = JSON.parse(tar(['-xzOf', tarball, 'package/package.json']));
    return { name, dir, pkg, tarball, files, packed };
  });
}

function tar(args) {
  const result = spawnSync('tar', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`tar ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** Every file target in an exports map (conditions flattened), with the condition path that leads to it. */
function exportTargets(exports, path = []) {
  if (typeof exports === 'string') return [{ path, target: exports }];
  if (!exports || typeof exports !== 'object') return [];
  return Object.entries(exports).flatMap(([key, value]) => exportTargets(value, [...path, key]));
}

const norm = (p) => p.replace(/^\.\//, '');

/** Problems with one packed package: missing and extra files, package.json mistakes. */
export function problemsOf({ pkg, files, packed, dir }) {
  const problems = [];
  const has = new Set(files);
  const need = (file, why) => {
    if (!has.has(norm(file))) problems.push(`missing ${norm(file)} (${why})`);
  };
  need('package.json', 'always');
  need('README.md', 'every package has one');
  need('LICENSE', 'every package has one');
  if (
    has.has('LICENSE') &&
    readFileSync(join(dir, 'LICENSE'), 'utf8') !== readFileSync(join(root, 'LICENSE'), 'utf8')
  ) {
    problems.push('LICENSE differs from the root LICENSE');
  }

  // Targets: exports (wildcards need at least one match), main/module/types, the manifest.
  const allowed = new Set(['package.json', 'README.md', 'LICENSE']);
  for (const { path, target } of exportTargets(packed.exports)) {
    if (path.includes('source'))
      problems.push(
        `exports ${path.join(' > ')} still has the workspace-only "source" condition (${target}); publishConfig.exports must drop it`,
      );
    if (target.includes('*')) {
      const [before, after] = norm(target).split('*');
      const matches = files.filter((f) => f.startsWith(before) && f.endsWith(after));
      if (matches.length === 0) problems.push(`missing any file for exports ${path[0]} (${target})`);
      for (const m of matches) allowed.add(m);
    } else {
      need(target, `exports ${path.join(' > ')}`);
      allowed.add(norm(target));
    }
  }
  for (const [subpath, entry] of Object.entries(packed.exports ?? {})) {
    const targets = exportTargets(entry).map((t) => t.target);
    if (targets.some((t) => t.endsWith('.js')) && !targets.some((t) => t.endsWith('.d.ts'))) {
      problems.push(`exports ${subpath} has JavaScript but no "types" condition`);
    }
    if (typeof entry === 'object' && entry && Object.keys(entry)[0] !== 'types' && 'types' in entry) {
      problems.push(`exports ${subpath}: "types" must come first (TypeScript takes the first matching condition)`);
    }
  }
  if (!packed.exports?.['./package.json']) problems.push('exports has no "./package.json"');
  for (const field of ['main', 'module', 'types']) {
    if (packed[field]) {
      need(packed[field], `"${field}"`);
      allowed.add(norm(packed[field]));
    }
  }
  if (packed.customElements) {
    need(packed.customElements, '"customElements"');
    allowed.add(norm(packed.customElements));
    if (packed.exports?.[`./${norm(packed.customElements)}`] === undefined)
      problems.push(`exports has no "./${norm(packed.customElements)}"`);
  }

  // Published code: dist's JavaScript (entries and their chunks) and declarations; data
  // directories a package lists in "files" beside dist (e.g. @odkit/fhir's resources/).
  const dataDirs = (pkg.files ?? []).filter((f) => !f.startsWith('dist') && !f.includes('*') && !f.includes('.'));
  for (const file of files) {
    const bad = forbidden.find((re) => re.test(file));
    if (bad) problems.push(`extra ${file} (must not ship: ${bad})`);
    else if (
      !allowed.has(file) &&
      !/^dist\/.+\.(js|d\.ts)$/.test(file) &&
      !dataDirs.some((d) => file.startsWith(`${d}/`))
    ) {
      problems.push(`extra ${file} (not an export target, dist code or a listed data directory)`);
    }
  }
  const bundles = Object.keys(pkg.odkit?.bundles ?? {}).map((b) => `dist/${b}`);

  // package.json as published.
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [dep, range] of Object.entries(packed[field] ?? {})) {
      if (String(range).startsWith('workspace:')) problems.push(`${field} ${dep} is still "${range}"`);
    }
  }
  if (packed.license !== 'MIT') problems.push(`license is ${JSON.stringify(packed.license)}, not "MIT"`);
  if (!packed.description) problems.push('no description');
  if (!Array.isArray(packed.keywords) || packed.keywords.length === 0) problems.push('no keywords');
  if (packed.type !== 'module') problems.push('"type" is not "module"');
  // Side effects: only modules that register elements (define modules, registering bundles).
  const registering = (p) => /(^|\/)define\.(js|ts)$/.test(p) || bundles.some((b) => norm(p) === b);
  if (packed.sideEffects === undefined || packed.sideEffects === true)
    problems.push('"sideEffects" is not declared (bundlers then keep every module)');
  if (Array.isArray(packed.sideEffects)) {
    for (const p of packed.sideEffects)
      if (!registering(p))
        problems.push(`"sideEffects" lists ${p}, which is not a define module or a registering bundle`);
  }
  for (const { target } of exportTargets(packed.exports)) {
    if (
      /(^|\/)define\.js$/.test(target) &&
      !(Array.isArray(packed.sideEffects) && packed.sideEffects.includes(target))
    ) {
      problems.push(`"sideEffects" does not list ${target}: a bundler would drop the registration`);
    }
  }
  return problems;
}

/** `npm pack --dry-run` for one package: its file list, or an error. */
function npmPackDryRun(dir) {
  const result = spawnSync('npm', ['pack', '--dry-run', '--json', '--loglevel=error'], { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) return { error: `${result.stderr || result.stdout}`.trim() };
  try {
    const [report] = JSON.parse(result.stdout);
    return { files: report.files.map((f) => f.path).sort(), size: report.size };
  } catch (error) {
    return { error: `could not read npm pack --dry-run output: ${error.message}` };
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const destination = mkdtempSync(join(tmpdir(), 'odkit-pack-check-'));
  let failed = false;
  try {
    for (const packed of packAll(destination)) {
      const problems = problemsOf(packed);
      const npm = npmPackDryRun(packed.dir);
      if (npm.error) problems.push(`npm pack --dry-run failed: ${npm.error}`);
      else {
        for (const f of npm.files.filter((f) => !packed.files.includes(f)))
          problems.push(`npm pack --dry-run lists ${f}, pnpm pack does not`);
        for (const f of packed.files.filter((f) => !npm.files.includes(f)))
          problems.push(`pnpm pack lists ${f}, npm pack --dry-run does not`);
      }
      failed ||= problems.length > 0;
      const kb = (readFileSync(packed.tarball).length / 1000).toFixed(1);
      console.log(
        `${problems.length ? 'FAIL' : 'ok  '} ${packed.name}@${packed.packed.version}: ${packed.files.length} files, ${kb} kB packed; npm pack --dry-run ${npm.error ? 'failed' : 'agrees'}`,
      );
      for (const p of problems) console.log(`       ${p}`);
    }
  } finally {
    rmSync(destination, { recursive: true, force: true });
  }
  if (failed) {
    console.error(
      '\nPack check failed: fix the files above (package.json "files", "exports", publishConfig) and rebuild.',
    );
    process.exit(1);
  }
}
