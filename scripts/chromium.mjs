// Debian's Chromium, the only browser this project drives (npm packages cannot download
// their own here). One place for its path and flags: web-test-runner, the e2e suite and
// the benchmarks all launch it the same way. Without the networking flags Chromium keeps
// trying to reach Google's hosts, which this machine's closed network refuses.
export const CHROMIUM_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
  '--disable-dev-shm-usage',
];
