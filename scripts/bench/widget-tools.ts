// What the widget's dev tools (widget-trace.ts, widget-timeline.ts) start: the demo shop pages,
// the stack behind them and Chromium, after one warm-up load (the worker's first /widget.js), as
// the bench does.
import { chromium, type Browser } from 'playwright-core';
import { startStack } from '../../demo/stack';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/chromium';
import { DESKTOP } from '../../test/e2e/browser';
import { startSellerPages, type SellerPages } from './seller-pages';

export interface WidgetTools {
  pages: SellerPages;
  browser: Browser;
  close(): Promise<void>;
}

export async function startWidgetTools(): Promise<WidgetTools> {
  const pages = await startSellerPages();
  const stack = await startStack({ workerPort: 0, simulatorPort: 0, demoPort: false, extraOrigins: [pages.origin] });
  pages.setWorkerUrl(stack.workerUrl);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const warm = await browser.newContext({ viewport: DESKTOP });
  await (await warm.newPage()).goto(pages.withWidgetUrl, { waitUntil: 'load' });
  await warm.close();
  return {
    pages,
    browser,
    async close() {
      await browser.close();
      await stack.stop();
      await pages.close();
    },
  };
}
