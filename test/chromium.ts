/**
 * Debian's Chromium as every test and script here launches it: headless, and kept off the
 * (closed) network, or it keeps trying to reach Google's hosts. As root it needs --no-sandbox.
 */
export const CHROMIUM_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
