import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startStack, type Stack, type StackOptions } from '../../demo/stack';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';

/** Debian's Chromium, headless and off the network but for loopback. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export const PHONE = { width: 375, height: 740 };
export const DESKTOP = { width: 1280, height: 900 };

export function newContext(browser: Browser, viewport = DESKTOP): Promise<BrowserContext> {
  return browser.newContext({ viewport, locale: 'en-IN', reducedMotion: 'reduce' });
}

/**
 * The demo stack (worker, simulators, demo page on random ports) and Chromium for one test file:
 * started before its tests, stopped after them. Read `e2e.stack` and `e2e.browser` inside tests.
 */
export function stackAndBrowser(options: StackOptions = {}): { stack: Stack; browser: Browser } {
  const e2e = {} as { stack: Stack; browser: Browser };
  beforeAll(async () => {
    e2e.stack = await startStack({ workerPort: 0, simulatorPort: 0, demoPort: 0, ...options });
    e2e.browser = await launchChromium();
  });
  afterAll(async () => {
    await e2e.browser?.close();
    await e2e.stack?.stop();
  });
  return e2e;
}
