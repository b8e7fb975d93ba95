import { rollup } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { minify } from './node_modules/.pnpm/terser@5.51.2/node_modules/terser/main.js';
import { gzipSync } from 'node:zlib';
const bundle = await rollup({ input: process.argv[2], plugins: [nodeResolve({ exportConditions: ['source','production','browser'] }), esbuild({ target:'es2022', tsconfig:'tsconfig.base.json'})], onwarn(){} });
const { output } = await bundle.generate({ format: 'es' });
const chunk = output[0];
const groups = {};
for (const [id, m] of Object.entries(chunk.modules)) {
  let g = id.replace(/.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, 'npm:').replace(/^.*\/packages\//,'');
  g = g.startsWith('npm:') ? g.split('/').slice(0, g.startsWith('npm:@')?2:1).join('/') : g;
  const code = m.code ?? '';
  const min = code ? (await minify(code, { module: true, compress: false, mangle: true })).code ?? '' : '';
  groups[g] = (groups[g] ?? 0) + min.length;
}
const all = (await minify(chunk.code, { module: true, compress: { passes: 2 } })).code;
console.log('total min', all.length, 'gz', gzipSync(all, { level: 9 }).length);
for (const [g, n] of Object.entries(groups).sort((a,b)=>b[1]-a[1])) if (n>800) console.log(String(n).padStart(7), g);
