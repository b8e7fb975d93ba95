// How every test run launches Debian's Chromium (web-test-runner, the host pages, the packed
// packages): as root it needs --no-sandbox, and the rest keeps it from calling home.
export const chromiumPath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
