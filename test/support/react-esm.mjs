// A web-test-runner plugin that serves React as ES modules. React 19 still ships CommonJS
// only, which the dev server cannot load; esbuild bundles `react`, `react/jsx-runtime` and
// `react-dom/client` once into shared chunks (one React instance for all of them) with
// named exports listed from the modules themselves.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const MODULES = ['react', 'react/jsx-runtime', 'react-dom', 'react-dom/client'];
const PREFIX = '/__react-esm/';
const fileOf = (id) => `${id.replaceAll('/', '__')}.js`;

/** The names a CommonJS module exports, read in a child Node (React's dev build does not load under wtr's console). */
function exportNames(id) {
  const script = `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(id)}))))`;
  const names = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }));
  return names.filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== 'default');
}

export function reactEsm() {
  /** @type {Promise<Map<string, string>> | undefined} */
  let served;
  const bundle = async () => {
    const result = await build({
      entryPoints: MODULES.map((id) => ({ in: `react-esm:${id}`, out: fileOf(id).slice(0, -3) })),
      bundle: true,
      splitting: true,
      format: 'esm',
      write: false,
      outdir: '/out',
      // Development React: its warnings reach the console, where the tests' guard sees them.
      define: { 'process.env.NODE_ENV': '"development"' },
      logLevel: 'warning',
      plugins: [
        {
          name: 'react-esm-entries',
          setup(b) {
            b.onResolve({ filter: /^react-esm:/ }, (args) => ({
              path: args.path.slice('react-esm:'.length),
              namespace: 'react-esm',
            }));
            b.onLoad({ filter: /.*/, namespace: 'react-esm' }, (args) => {
              const names = exportNames(args.path);
              return {
                contents: `import m from ${JSON.stringify(args.path)};\nexport default m;\nexport const { ${names.join(', ')} } = m;\n`,
                resolveDir: root,
              };
            });
          },
        },
      ],
    });
    return new Map(result.outputFiles.map((f) => [f.path.slice('/out/'.length), f.text]));
  };
  return {
    name: 'react-esm',
    resolveImport({ source }) {
      if (MODULES.includes(source)) return `${PREFIX}${fileOf(source)}`;
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return undefined;
      served ??= bundle();
      const body = (await served).get(context.path.slice(PREFIX.length));
      return body === undefined ? undefined : { body, type: 'js' };
    },
  };
}
