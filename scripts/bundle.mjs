// Single-file bundles: for each package.json "odkit.bundles" entry ({ "<file>.js": "<source>" }),
// one minified ES module in the package's dist/ with Lit and every dependency inlined —
// what a page without a bundler loads with one <script type="module">.
// A bundle also listed in "odkit.chunked" is split instead: the entry file plus sibling
// chunks `<entry name>-<chunk>.js` in the same folder, which the entry fetches with dynamic
// import() when needed (dist/odkit.js: each widget on first use).
// `node scripts/bundle.mjs` builds just these (the host-page tests use it).
import { rollup } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { builtinModules } from 'node:module';
import { basename, dirname, join, relative } from 'node:path';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { root, workspacePackages } from './packages.mjs';
import { checkInternalProperties, internalPropertyMangling } from './internal-properties.mjs';

/** Plugins shared by the single-file bundles and the size check, so both measure the same thing. */
export function inlinedPlugins() {
  return [
    nodeResolve({ exportConditions: ['source', 'production', 'browser'] }),
    esbuild({ target: 'es2022', tsconfig: join(root, 'tsconfig.base.json') }),
    minifyTemplates(),
  ];
}

/**
 * Minifies our Lit `html`/`svg`/`css` template literals (after esbuild, so it sees JavaScript).
 * Whitespace is collapsed conservatively (a run becomes one space, never nothing), so inline
 * text renders exactly as before; attributes are never dropped (an empty `alt=""` means
 * something); CSS goes through lightningcss. Any failure stops the build rather than
 * silently shipping unminified templates.
 */
export function minifyTemplates() {
  return minifyLiterals({
    include: [join(root, 'packages/*/src/**')],
    failOnError: true,
    options: {
      minifyOptions: {
        conservativeCollapse: true,
        removeEmptyAttributes: false,
      },
    },
  });
}

/**
 * terser, with the widgets' internal property names renamed (scripts/internal-properties.mjs),
 * checked first. For the single-file bundles and the size check, where terser sees the whole program.
 * No comments are kept: the licences of the code bundled go to a file beside the bundle
 * (`licenceNotices()`), as webpack's default build does, rather than into every page's download.
 */
export const minifier = () => [
  checkInternalProperties(),
  terser({
    module: true,
    compress: { passes: 2 },
    mangle: { properties: internalPropertyMangling() },
    format: { comments: false },
  }),
];

/**
 * Writes `<file>.LICENSE.txt` beside a bundle: the name, version, licence and licence text of
 * each package whose code the bundle (every chunk of it) holds, ours included. The minifier
 * keeps no comments, so this file is where Lit's, zod's and d3's notices travel with the code.
 */
export function licenceNotices(file) {
  return {
    name: 'odkit-licence-notices',
    generateBundle(_options, bundle) {
      const packages = new Map();
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        for (const [id, module] of Object.entries(chunk.modules)) {
          if (!module.renderedLength || id.startsWith('\0')) continue;
          const dir = packageDir(id);
          if (dir && !packages.has(dir)) packages.set(dir, JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')));
        }
      }
      const notices = [...packages]
        .sort(([, a], [, b]) => a.name.localeCompare(b.name))
        .map(([dir, pkg]) => {
          const text = ['LICENSE', 'LICENSE.md', 'LICENCE', 'license', 'LICENSE.txt']
            .map((name) => join(dir, name))
            .find((path) => existsSync(path));
          if (!text) throw new Error(`${pkg.name} is bundled into ${file} but has no licence file to copy beside it`);
          return `${pkg.name} ${pkg.version} (${pkg.license})\n\n${readFileSync(text, 'utf8').trim()}\n`;
        });
      this.emitFile({
        type: 'asset',
        fileName: `${file}.LICENSE.txt`,
        source: `Licences of the code bundled in ${file}${Object.keys(bundle).length > 1 ? ' and its chunks' : ''}.\n\n${notices.join('\n---\n\n')}`,
      });
    },
  };
}

/** The folder of the package a bundled module belongs to: the nearest one up with a package.json that has a name. */
function packageDir(id) {
  for (let dir = dirname(id); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name) return dir;
  }
  return undefined;
}

/**
 * The rollup config of one single-file bundle: `input` with every dependency inlined,
 * minified, to `file`. `plugins` run first (the host-page tests swap a module this way).
 */
export function singleFileBundle(input, file, { plugins = [] } = {}) {
  return {
    input,
    plugins: [...plugins, ...inlinedPlugins()],
    output: {
      file,
      format: 'es',
      inlineDynamicImports: true,
      plugins: [minifier(), licenceNotices(basename(file))],
    },
    onwarn(warning, warn) {
      // Third-party modules' own circular imports and comment placement are theirs, not ours.
      if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
      if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((id) => id.includes('node_modules'))) return;
      warn(warning);
    },
  };
}

/**
 * The rollup config of one chunked bundle: `input` with every dependency inlined, minified,
 * to `file`, and every dynamically imported module (with what only it needs) to a sibling
 * chunk named after the entry: `odkit.js` → `odkit-network-map.js`. Names carry no hash, so
 * a host's service worker or server configuration can list them; `file`'s folder is
 * replaced as a whole by the build, but for the files in `keep` (the package's other bundles
 * there: `odkit-classes.js`). `entries` ({ "<file>.js": "<source>" }) are further entry files
 * in the same folder (`odkit-offline.js`), sharing the chunks.
 */
export function chunkedBundle(input, file, { plugins = [], entries = {}, keep = [] } = {}) {
  // The single-file config's input side (plugins, warnings), with the chunked output in place of its one file.
  const { output: _oneFile, ...config } = singleFileBundle(input, file, { plugins });
  const name = basename(file, '.js');
  const output = chunkedOutput(name, { compileHint: true });
  return {
    ...config,
    input: { [name]: input },
    plugins: [...config.plugins, furtherEntries(input, entries)],
    // The entry may export what its chunks import from it (no facade file in between).
    preserveEntrySignatures: 'allow-extension',
    // experimentalMinChunkSize reports how many chunks it merged at every build: not news.
    onLog: (level, log, handler) => log.code !== 'OPTIMIZE_CHUNK_STATUS' && handler(level, log),
    output: {
      ...output,
      dir: dirname(file),
      plugins: [...output.plugins, fileList(name, keep), licenceNotices(basename(file))],
    },
  };
}

/**
 * How a chunked bundle named `name` (`odkit`) is split, named and minified: shared by the
 * build and the size check (scripts/size.mjs), so the check measures the files that ship.
 * With `compileHint` (the kit's own files, not a host's build of a package), each file starts
 * with V8's compile hint (see `compileHint()`).
 */
export function chunkedOutput(name, { compileHint: hinted = false } = {}) {
  return {
    format: 'es',
    // Each entry after its input's name: `name` itself, and the further entries' file names.
    entryFileNames: '[name].js',
    chunkFileNames: (chunk) => `${name}-${chunkName(chunk)}.js`,
    // A chunk smaller than this is merged into its importers where that runs no code early: fewer requests.
    experimentalMinChunkSize: 4000,
    plugins: [minifier(), fetchTogether(name), ...(hinted ? [compileHint()] : [])],
  };
}

/**
 * Starts each file with V8's explicit compile hint (`//# allFunctionsCalledOnLoad`, Chrome 136 on;
 * other engines read a comment): its functions are compiled as the file loads, on a background
 * thread, rather than on the main thread the first time each is called, which was about a third
 * of a widget's first paint. Measured in docs/performance.md ("The compile hint"). After the
 * minifier, which would drop the comment, and first in the file, where V8 looks for it.
 */
export function compileHint() {
  return {
    name: 'odkit-compile-hint',
    renderChunk: (code) => ({ code: `${COMPILE_HINT}\n${code}`, map: null }),
  };
}

/** V8's explicit compile hint for a whole file. */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/**
 * A chunked bundle's further entries (`entries`: { "odkit-offline.js": source }), each written
 * to its file name with its exports as declared. They are emitted as loaded after the entry
 * (`input`), so what the entry holds stays in it and a further entry imports it from there.
 * As plain entries, every module both need would move to a shared chunk, and every page would
 * wait for a second file before anything ran. Loaded on its own, a further entry still works:
 * it imports the entry.
 */
export function furtherEntries(input, entries) {
  return {
    name: 'odkit-further-entries',
    buildStart() {
      for (const [fileName, id] of Object.entries(entries)) {
        this.emitFile({
          type: 'chunk',
          id,
          fileName,
          implicitlyLoadedAfterOneOf: [input],
          preserveSignature: 'strict',
        });
      }
    },
  };
}

/**
 * Fetches a lazily loaded chunk and the chunks it imports at once rather than one after the
 * other: each `import('./odkit-network-map.js')` also starts `import()`s of the shared chunks
 * that file imports (the browser keeps one copy of each module, so nothing is fetched twice).
 * Without it a widget's first paint waits for two round trips, its chunk and then what the
 * chunk imports. A failed early fetch is left to the real import to report.
 */
function fetchTogether(name) {
  return {
    name: 'odkit-fetch-together',
    renderDynamicImport({ chunk, getTargetChunkImports }) {
      const early = (getTargetChunkImports() ?? []).filter(
        (target) => target.type === 'internal' && ![chunk.fileName, `${name}.js`].includes(target.fileName),
      );
      if (!early.length) return null;
      // resolvedImportPath is the quoted specifier, as rollup writes it in the import.
      const starts = early.map((target) => `import(${target.resolvedImportPath}).catch(()=>{})`);
      return { left: `(${starts.join(',')},import(`, right: '))' };
    },
  };
}

/**
 * Writes `<name>.files.json` beside a chunked bundle: which files a page fetches for each
 * widget (`widgets`: its chunk and the shared chunks it imports, not the entry), which more it
 * fetches once that widget shows Welsh (`welsh`), once it is editable (`editing`: its edit
 * forms, for the map and the timeline), once a person first uses something whose code comes
 * on its own (`onUse`: the timeline's date filter, the map's PNG export) and once its store
 * reports a conflict to decide (`conflicts`: the review panel), and every file (`files`), for a
 * host's service worker or server configuration to list. Files the build no longer makes are
 * deleted from the folder, so a stale chunk is never served; the files in `keep` are not the build's to delete.
 */
function fileList(name, keep) {
  return {
    name: 'odkit-file-list',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const byFile = new Map(chunks.map((c) => [c.fileName, c]));
      const entry = byFile.get(`${name}.js`);
      const closure = (file, seen = new Set()) => {
        if (seen.has(file) || file === entry.fileName) return seen;
        seen.add(file);
        for (const imported of byFile.get(file).imports) closure(imported, seen);
        return seen;
      };
      const widgets = {};
      const welsh = {};
      const editing = {};
      const onUse = {};
      const conflicts = {};
      for (const chunk of chunks) {
        // The chunk holding a widget's module in src/chunks/ (its facade, unless the chunk also serves other chunks).
        const widget = heldModule(chunk, /\/kit\/src\/chunks\/([^/]+)\.ts$/);
        if (!widget) continue;
        widgets[widget] = [...closure(chunk.fileName)].sort();
        // What the widget fetches later (imports by `importers` of files named by `pattern`), beyond what its first
        // paint needed.
        const later = (pattern, importers = [chunk]) => {
          const files = importers
            .flatMap((c) => c.dynamicImports.filter((file) => pattern.test(file)))
            .flatMap((file) => [...closure(file)]);
          return [...new Set(files)].filter((file) => !widgets[widget].includes(file)).sort();
        };
        welsh[widget] = later(/-cy\.js$/);
        editing[widget] = later(/-forms\.js$/);
        onUse[widget] = later(/-(?:range|png)\.js$/);
        // The review panel is imported by code the widgets share, not by a widget's own chunk.
        conflicts[widget] = later(/-review-panel\.js$/, [entry, ...widgets[widget].map((file) => byFile.get(file))]);
      }
      // Each further entry (`odkit-offline.js`) with the chunks it imports, beyond the entry's.
      const entries = Object.fromEntries(
        chunks
          .filter((c) => (c.isEntry || c.isImplicitEntry) && c !== entry)
          .map((c) => [c.fileName, [...closure(c.fileName)].sort()]),
      );
      const files = chunks.map((c) => c.fileName).sort();
      this.emitFile({
        type: 'asset',
        fileName: `${name}.files.json`,
        source: `${JSON.stringify({ entry: entry.fileName, entries, widgets, welsh, editing, onUse, conflicts, files }, null, 2)}\n`,
      });
    },
    writeBundle({ dir }, bundle) {
      const stale = new RegExp(`^${name}-.+\\.js$`);
      for (const file of readdirSync(dir)) {
        if (stale.test(file) && !(file in bundle) && !keep.includes(file)) rmSync(join(dir, file));
      }
    },
  };
}

/**
 * A chunk's name after what it holds: a widget's code after its module in the kit's
 * src/chunks/ (`network-map`), a package's Welsh strings after the package
 * (`network-map-cy`), the Welsh all widgets share `cy`, a widget's edit forms after the package
 * (`network-map-forms`), the timeline's date filter form `meeting-timeline-range`, the map's PNG painter
 * `network-map-png`, code several widgets share
 * `shared` (`shared2` for what only some share).
 */
export function chunkName(chunk) {
  const ids = chunk.moduleIds.map((id) => id.replaceAll('\\', '/'));
  const welshOf = (id) => /\/packages\/([^/]+)\/src\/(?:.+\/)?[^/]+-cy\.ts$/.exec(id)?.[1];
  const welsh = ids.map(welshOf);
  if (welsh.every(Boolean)) {
    // A widget's Welsh (with the shared Welsh when rollup merged that small chunk into it), or the shared Welsh alone.
    const widget = welsh.find((p) => p !== 'elements');
    return widget ? `${widget}-cy` : 'cy';
  }
  // A widget's edit forms (its src/internal/forms.ts, fetched once the widget is editable): `network-map-forms`.
  const forms = heldModule(chunk, /\/packages\/([^/]+)\/src\/internal\/forms\.ts$/);
  if (forms) return `${forms}-forms`;
  // A form fetched when first opened (src/internal/range-form.ts, the date filter): `meeting-timeline-range`.
  const range = heldModule(chunk, /\/packages\/([^/]+)\/src\/internal\/range-form\.ts$/);
  if (range) return `${range}-range`;
  // The map's PNG painter (src/internal/export-png.ts), fetched the first time a PNG is made: `network-map-png`.
  const png = heldModule(chunk, /\/packages\/([^/]+)\/src\/internal\/export-png\.ts$/);
  if (png) return `${png}-png`;
  // Code several widgets share: `shared`, then `shared2`, … (rollup numbers same-named files).
  return chunk.isDynamicEntry ? chunk.name : 'shared';
}

/**
 * The first capture of `pattern` in the path of a module the chunk holds. By the modules held,
 * not the chunk's facade, which rollup leaves unset when the chunk also serves other chunks.
 */
function heldModule(chunk, pattern) {
  return chunk.moduleIds.map((id) => pattern.exec(id.replaceAll('\\', '/'))?.[1]).find(Boolean);
}

/**
 * The further entries of a package's chunked bundle `file`, with their sources' full paths:
 * "odkit.chunked" maps each chunked bundle to them ({ "odkit.js": { "odkit-offline.js": "src/offline.ts" } }).
 * Undefined when `file` is not chunked.
 */
export function chunkedEntries({ dir, pkg }, file) {
  const entries = pkg.odkit?.chunked?.[file];
  return entries && Object.fromEntries(Object.entries(entries).map(([entry, from]) => [entry, join(dir, from)]));
}

/**
 * Every package's declared single-file (and chunked) bundles. A chunked bundle leaves the
 * package's other bundles in its folder alone (`odkit-classes.js` looks like a chunk of `odkit.js`),
 * so building it on its own, as the cold-page benchmark does, never deletes them.
 */
export function singleFileBundles() {
  return workspacePackages().flatMap((workspace) => {
    const bundles = workspace.pkg.odkit?.bundles ?? {};
    return Object.entries(bundles).map(([file, source]) => {
      const [input, output] = [join(workspace.dir, source), join(workspace.dir, 'dist', file)];
      const entries = chunkedEntries(workspace, file);
      if (!entries) return singleFileBundle(input, output);
      return chunkedBundle(input, output, { entries, keep: Object.keys(bundles) });
    });
  });
}

/** Builds and writes one bundle config. */
export async function writeBundle(config) {
  const bundle = await rollup(config);
  try {
    await bundle.write(config.output);
  } finally {
    await bundle.close();
  }
}

/**
 * A node bundle of server-rendering code (@odkit/ssr and what uses it) whose templates are
 * minified exactly as the browser bundles' are. Hydration needs that: Lit matches the
 * server's HTML to the browser's templates by a digest of each template's strings, so a
 * server rendering unminified templates and a page running minified ones never match.
 * Rollup inlines everything and minifies the workspace's templates; esbuild then writes it in
 * the format asked for (CommonJS for the GOV.UK Prototype Kit).
 */
export async function writeServerBundle({ input, file, format = 'esm' }) {
  const staged = `${file}.staged.mjs`;
  const bundle = await rollup({
    input,
    // Everything is inlined (node's builds of Lit), except node's own modules.
    external: (id) => id.startsWith('node:') || builtinModules.includes(id),
    plugins: [
      nodeResolve({ exportConditions: ['source', 'node', 'production'], preferBuiltins: true }),
      esbuild({ target: 'es2022', tsconfig: join(root, 'tsconfig.base.json') }),
      minifyTemplates(),
    ],
    onwarn(warning, warn) {
      // Third-party modules' own circular imports, comment placement and top-level `this` are theirs.
      if (
        ['CIRCULAR_DEPENDENCY', 'INVALID_ANNOTATION', 'THIS_IS_UNDEFINED'].includes(warning.code) &&
        (warning.id ?? warning.ids?.[0] ?? '').includes('node_modules')
      )
        return;
      warn(warning);
    },
  });
  try {
    await bundle.write({ file: staged, format: 'es', inlineDynamicImports: true });
  } finally {
    await bundle.close();
  }
  const { build } = await import('esbuild');
  const { rmSync } = await import('node:fs');
  try {
    await build({
      entryPoints: [staged],
      outfile: file,
      bundle: true,
      platform: 'node',
      format,
      target: 'node18',
      banner:
        format === 'esm'
          ? {
              js: "import { createRequire as __odkitRequire } from 'node:module'; const require = __odkitRequire(import.meta.url);",
            }
          : {},
      logLevel: 'warning',
    });
  } finally {
    rmSync(staged, { force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const config of singleFileBundles()) {
    await writeBundle(config);
    const { file, dir } = config.output;
    console.log(`bundled ${file ? relative(root, file) : `${relative(root, dir)}/{${Object.keys(config.input)}}.js`}`);
  }
}
