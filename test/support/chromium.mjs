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
  // Test files run two at a time, one tab hidden: without these its timers are throttled to
  // one a second and its renderer deprioritised, so a debounce or a poll takes seconds on a
  // busy machine. (A hidden tab still gets no animation frames: tests never wait on those.)
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];
