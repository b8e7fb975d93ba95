// Playwright's global setup for the real-prototype test: builds and packs the plugin, makes a
// new GOV.UK Prototype Kit project with the kit's own `create` command from the npm registry,
// installs the plugin from its tarball, writes a page using the macros and starts the
// prototype on loopback. Once for all tests (it takes minutes); every step is bounded and timed.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPlugin } from '../../packages/govuk-prototype-kit/scripts/build.mjs';

const KIT_VERSION = '13.20.3';
const root = join(import.meta.dirname, '..', '..');
const pluginDir = join(root, 'packages/govuk-prototype-kit');
const port = Number(process.env.PROTOTYPE_PORT ?? 8390);
const base = `http://127.0.0.1:${port}`;
const timings = {};

let workDir;
let server;
let serverLog = '';

/** Runs a command to completion within `minutes`, or fails with its output's tail. */
function run(what, command, args, { cwd, minutes, env = {} }) {
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: minutes * 60_000,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
  });
  timings[what] = (Date.now() - started) / 1000;
  if (result.status !== 0) {
    const tail = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(
      `${what} failed (${result.error?.message ?? `exit ${result.status}`}, after ${timings[what]} s):\n${tail}`,
    );
  }
  return result.stdout;
}

async function waitForServer(minutes) {
  const until = Date.now() + minutes * 60_000;
  while (Date.now() < until) {
    if (server.exitCode !== null)
      throw new Error(`the prototype stopped (exit ${server.exitCode}):\n${serverLog.slice(-3000)}`);
    try {
      const res = await fetch(`${base}/odkit`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the prototype did not answer within ${minutes} minutes:\n${serverLog.slice(-3000)}`);
}

export default async function setUpPrototype() {
  try {
    return await setUp();
  } catch (error) {
    if (server && server.exitCode === null) server.kill('SIGKILL');
    if (workDir) rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
}

async function setUp() {
  const started = Date.now();
  workDir = mkdtempSync(join(tmpdir(), 'odkit-prototype-'));
  const npmCache = join(workDir, '.npm-cache');
  const npmEnv = {
    npm_config_cache: npmCache,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };

  // The plugin as a designer would get it: built, then packed.
  await buildPlugin();
  timings.build = (Date.now() - started) / 1000;
  run('pack', 'npm', ['pack', '--pack-destination', workDir, '--loglevel=error'], {
    cwd: pluginDir,
    minutes: 2,
    env: npmEnv,
  });
  const tarball = join(
    workDir,
    readdirSync(workDir).find((f) => f.endsWith('.tgz')),
  );

  // A new prototype with the kit's own create command, from the registry.
  const proto = join(workDir, 'proto');
  run('create', 'npx', ['--yes', `govuk-prototype-kit@${KIT_VERSION}`, 'create', proto], {
    cwd: workDir,
    minutes: 10,
    env: npmEnv,
  });
  run('install plugin', 'npm', ['install', tarball, '--loglevel=error'], { cwd: proto, minutes: 5, env: npmEnv });

  // A page using the macros: the case from a JSON file, from the session, and the default.
  const { demoCase } = createRequire(import.meta.url)(join(pluginDir, 'server/odkit-render.cjs'));
  mkdirSync(join(proto, 'app/data'), { recursive: true });
  writeFileSync(join(proto, 'app/data/case.json'), JSON.stringify(demoCase));
  writeFileSync(
    join(proto, 'app/data/session-data-defaults.js'),
    "module.exports = { 'odkit-case': require('./case.json') }\n",
  );
  writeFileSync(
    join(proto, 'app/views/odkit.html'),
    `{% extends "layouts/main.html" %}
{% block pageTitle %}Maya Lewis – {{ serviceName }}{% endblock %}
{% block content %}
  <h1 class="govuk-heading-xl">Maya Lewis</h1>
  <h2 class="govuk-heading-l">Network</h2>
  {{ odkitNetworkMap({ caseFile: "app/data/case.json", sectors: true }) }}
  <h2 class="govuk-heading-l">Meetings</h2>
  {{ odkitMeetingTimeline({ case: data['odkit-case'], asOf: "2026-04-10T12:00:00+01:00" }) }}
  <form method="post" action="/odkit-submitted" novalidate>
    <h2 class="govuk-heading-l">Rate the meeting on 1 April</h2>
    {{ odkitFidelityChecklist({ case: data['odkit-case'], meetingId: "mt-13" }) }}
    {{ govukButton({ text: "Submit assessment" }) }}
  </form>
{% endblock %}
`,
  );
  // The POST shown straight from the request body: what the browser sent, not the session's copy
  // (the kit's file session store can lose a write when a page's requests overlap).
  writeFileSync(
    join(proto, 'app/routes.js'),
    `const govukPrototypeKit = require('govuk-prototype-kit')
const router = govukPrototypeKit.requests.setupRouter()
router.post('/odkit-submitted', (req, res) => res.render('odkit-submitted', { sent: req.body }))
`,
  );
  writeFileSync(
    join(proto, 'app/views/odkit-submitted.html'),
    `{% extends "layouts/main.html" %}
{% block content %}
  <h1 class="govuk-heading-xl">Submitted</h1>
  <dl class="govuk-summary-list" id="sent">
    <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">rater</dt><dd class="govuk-summary-list__value">{{ sent['assessment.rater-name'] }}</dd></div>
    <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">immediate-help</dt><dd class="govuk-summary-list__value">{{ sent['assessment.rating.immediate-help'] }}</dd></div>
    <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">json</dt><dd class="govuk-summary-list__value" id="json">{{ sent['assessment'] }}</dd></div>
  </dl>
{% endblock %}
`,
  );

  const serveStarted = Date.now();
  server = spawn(process.execPath, ['node_modules/govuk-prototype-kit/bin/cli', 'serve'], {
    cwd: proto,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      USE_BROWSER_SYNC: 'false',
      USE_AUTH: 'false',
      NODE_OPTIONS: `--require ${join(import.meta.dirname, 'loopback.cjs')}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout.on('data', (d) => (serverLog += d));
  server.stderr.on('data', (d) => (serverLog += d));
  await waitForServer(3);
  timings.start = (Date.now() - serveStarted) / 1000;
  timings.total = (Date.now() - started) / 1000;
  console.log(
    `Prototype Kit ${KIT_VERSION} with the plugin: ${Object.entries(timings)
      .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
      .join(', ')}`,
  );
  process.env.ODKIT_PROTOTYPE_URL = base;
  return async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    rmSync(workDir, { recursive: true, force: true });
  };
}
