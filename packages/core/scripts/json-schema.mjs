#!/usr/bin/env node
// Writes packages/core/case-record.schema.json: a JSON Schema (draft 2020-12) of the case
// record, made from the zod schema by zod's own converter, so hosts writing records by hand
// get completion and checking in their editor ("$schema" in the file, or the editor's
// settings). The zod schema stays the truth: rules JSON Schema cannot say (a real calendar
// date, ties between members that exist, an NHS number's check digit) are still checked by
// parseCaseRecord. The output is committed; `--check` fails when it differs.
//
//   node packages/core/scripts/json-schema.mjs          write the file
//   node packages/core/scripts/json-schema.mjs --check  compare only
import { Ajv2020 } from 'ajv/dist/2020.js';
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const pkgDir = resolve(import.meta.dirname, '..');
const out = join(pkgDir, 'case-record.schema.json');
const check = process.argv.includes('--check');

// The schemas from source (no build needed), with zod resolved from core's own dependency.
const scratch = mkdtempSync(join(tmpdir(), 'odkit-schema-'));
try {
  const entry = join(scratch, 'schemas.mjs');
  await build({
    entryPoints: [join(pkgDir, 'src/model/schemas.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile: entry,
    external: ['zod', 'zod/*'],
    logLevel: 'error',
  });
  const require = createRequire(join(pkgDir, 'package.json'));
  const zodMini = await import(pathToFileURL(require.resolve('zod/mini')).href);
  // Bundle resolution of 'zod/mini' from the scratch folder would miss core's node_modules: rewrite to the resolved
  // file.
  const code = readFileSync(entry, 'utf8').replace(
    /from\s*["']zod\/mini["']/g,
    `from ${JSON.stringify(pathToFileURL(require.resolve('zod/mini')).href)}`,
  );
  writeFileSync(entry, code);
  const { CaseRecord } = await import(pathToFileURL(entry).href);
  const schema = {
    ...zodMini.toJSONSchema(CaseRecord, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' }),
    title: 'Open Dialogue Kit case record',
    description:
      'A case record as @odkit/core reads it (parseCaseRecord). Generated from the zod schema; parseCaseRecord also checks what JSON Schema cannot (real dates, references between entities, NHS number check digits).',
  };
  const text = `${JSON.stringify(schema, null, 2)}\n`;

  // The schema must accept what parseCaseRecord accepts (the demo case) and refuse what it refuses.
  await build({
    entryPoints: [join(pkgDir, 'src/demo/demo-case.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile: join(scratch, 'demo.mjs'),
    external: ['zod', 'zod/*'],
    logLevel: 'error',
  });
  const demoCode = readFileSync(join(scratch, 'demo.mjs'), 'utf8').replace(
    /from\s*["']zod\/mini["']/g,
    `from ${JSON.stringify(pathToFileURL(require.resolve('zod/mini')).href)}`,
  );
  writeFileSync(join(scratch, 'demo.mjs'), demoCode);
  const { demoCase } = await import(pathToFileURL(join(scratch, 'demo.mjs')).href);
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  const demo = JSON.parse(JSON.stringify(demoCase));
  if (!validate(demo))
    throw new Error(`the JSON Schema refuses the demo case: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  const wrong = [
    ['a ring of 7', { ...demo, members: [{ ...demo.members[0], ring: 7 }, ...demo.members.slice(1)] }],
    ['an unknown field', { ...demo, nickname: 'x' }],
    ['an id with a colon', { ...demo, id: 'a:b' }],
    ['no person', { ...demo, person: undefined }],
  ];
  for (const [what, record] of wrong) {
    if (validate(JSON.parse(JSON.stringify(record)))) throw new Error(`the JSON Schema accepts a record with ${what}`);
  }
  if (check) {
    if (!existsSync(out) || readFileSync(out, 'utf8') !== text) {
      console.error(
        'packages/core/case-record.schema.json is out of date: run node packages/core/scripts/json-schema.mjs',
      );
      process.exit(1);
    }
    console.log('case-record.schema.json is up to date');
  } else {
    writeFileSync(out, text);
    console.log(`wrote ${out}`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
