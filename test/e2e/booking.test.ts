import type { Locator, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { DESKTOP, newContext, PHONE, stackAndBrowser } from './browser';

// A customer books "iPhone demo" by typing their mobile number, sees the confirmation with
// the join link, reloads and still sees it booked, then cancels it: on the demo seller page
// (the widget from one script tag on another origin) and on the worker's /s/{site} page,
// with the mouse and with the keyboard alone. The simulator's log is what Popin received.

const e2e = stackAndBrowser();
beforeEach(() => e2e.stack.simulator.reset());

const IPHONE_DEMO = 2853;
const slotCard = (widget: Locator, name: string) => widget.locator('[part~="slot"]', { hasText: name });

function registrationsInPopin(): number[] {
  const seller = e2e.stack.simulator.state.sellers.get('seller-demo')!;
  return [...seller.registrations.values()].flatMap((events) => [...events]);
}

function popinReceived(endpoint: string) {
  return e2e.stack.simulator.requests.filter((request) => request.path.endsWith(`/conference/${endpoint}`));
}

async function openWidget(page: Page, url: string): Promise<Locator> {
  await page.goto(url);
  const widget = page.locator('popin-booking');
  await slotCard(widget, 'iPhone demo').waitFor();
  return widget;
}

/** Chooses iPhone demo and fills the form as a customer would, typing the number as they say it. */
async function bookWithMouse(widget: Locator) {
  await slotCard(widget, 'iPhone demo').getByRole('button', { name: /^Book iPhone demo/ }).click();
  await widget.getByLabel('Your name').fill('Priya Sharma');
  await widget.getByLabel('Mobile number').pressSequentially('095445 10895');
  await widget.getByRole('button', { name: 'Book this demo' }).click();
}

/** The confirmation, a reload that still shows the booking, and a cancel with its confirm step. */
async function expectBookedThenCancel(page: Page, widget: Locator, useKeyboard: boolean) {
  const confirmation = widget.locator('[part~="confirmation"]');
  await confirmation.getByText("You're booked!").waitFor();
  expect(await confirmation.textContent()).toContain('iPhone demo');
  expect(await confirmation.textContent()).toMatch(/\+91[\s\d]+/);
  const joinHref = await confirmation.getByRole('link', { name: /join/i }).getAttribute('href');
  expect(joinHref).toMatch(/^https:\/\/test-meet\.popin\.to\/rooms\/.+\/Njg4MDY=$/);

  expect(popinReceived('capture').map((request) => request.body)).toEqual([
    { name: 'Priya Sharma', mobile: '+919544510895' },
  ]);
  expect(popinReceived('register').map((request) => request.body)).toEqual([{ user_id: 68806, event_id: IPHONE_DEMO }]);
  expect(registrationsInPopin()).toEqual([IPHONE_DEMO]);

  await page.reload();
  const card = slotCard(widget, 'iPhone demo');
  await card.getByText('Booked', { exact: true }).waitFor();
  expect(await card.getByRole('link', { name: /join/i }).getAttribute('href')).toBe(joinHref);
  expect(await slotCard(widget, 'Public Macbook demo').getByText('Booked', { exact: true }).count()).toBe(0);

  const cancel = card.getByRole('button', { name: /^Cancel booking for iPhone demo/ });
  const yes = card.getByRole('button', { name: 'Yes, cancel' });
  if (useKeyboard) {
    await tabTo(page, /^Cancel booking for iPhone demo/);
    await page.keyboard.press('Enter');
    await tabTo(page, /^Yes, cancel$/);
    await page.keyboard.press('Enter');
  } else {
    await cancel.click();
    await yes.click();
  }
  await card.getByRole('button', { name: /^Book iPhone demo/ }).waitFor();
  expect(await card.getByText('Booked', { exact: true }).count()).toBe(0);
  expect(registrationsInPopin()).toEqual([]);
  expect(popinReceived('cancel').map((request) => request.body)).toEqual([{ user_id: 68806, event_id: IPHONE_DEMO }]);
}

/** The accessible name of the element that has focus, looking through shadow roots. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active) return '';
    const label = active.getAttribute('aria-label');
    if (label) return label;
    if (active.id && active.getRootNode() instanceof ShadowRoot) {
      const labelFor = (active.getRootNode() as ShadowRoot).querySelector(`label[for="${active.id}"]`);
      if (labelFor) return labelFor.textContent?.trim() ?? '';
    }
    return (active.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}

/** Presses Tab until the focused element's name matches: what a keyboard user does. */
async function tabTo(page: Page, name: RegExp, maxPresses = 40): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (name.test(await focusedName(page))) return;
  }
  throw new Error(`Tab never reached ${name}; last focus: ${await focusedName(page)}`);
}

describe('booking on the demo seller page', () => {
  it('books with the mouse, survives a reload, and cancels', async () => {
    const context = await newContext(e2e.browser, DESKTOP);
    const page = await context.newPage();
    const widget = await openWidget(page, e2e.stack.demoUrl!);

    await bookWithMouse(widget);
    await expectBookedThenCancel(page, widget, false);
    await context.close();
  });

  it('books with the keyboard alone', async () => {
    const context = await newContext(e2e.browser, DESKTOP);
    const page = await context.newPage();
    const widget = await openWidget(page, e2e.stack.demoUrl!);

    await tabTo(page, /^Book iPhone demo/);
    await page.keyboard.press('Enter');
    // The form takes focus on its first field.
    await expect.poll(() => focusedName(page)).toBe('Your name');
    await page.keyboard.type('Priya Sharma');
    await tabTo(page, /^Mobile number$/, 3);
    await page.keyboard.type('095445 10895');
    await page.keyboard.press('Enter');

    await widget.locator('[part~="confirmation"]').getByText("You're booked!").waitFor();
    await expect.poll(() => focusedName(page)).toBe("You're booked!");
    await expectBookedThenCancel(page, widget, true);
    await context.close();
  });
});

describe('the demo page in another language', () => {
  it('switches the widget to Arabic (right to left) and books in it', async () => {
    const context = await newContext(e2e.browser, DESKTOP);
    const page = await context.newPage();
    const widget = await openWidget(page, e2e.stack.demoUrl!);
    await page.getByLabel('Widget language').selectOption('ar');
    await widget.getByRole('heading', { name: 'احجز عرضًا توضيحيًا مباشرًا' }).waitFor();
    expect(await widget.locator('[dir]').first().getAttribute('dir')).toBe('rtl');
    await slotCard(widget, 'iPhone demo').getByRole('button', { name: /^احجز iPhone demo/ }).click();
    await widget.getByLabel('اسمك').fill('Priya Sharma');
    await widget.getByLabel('رقم الجوال').pressSequentially('095445 10895');
    await widget.getByRole('button', { name: 'احجز هذا العرض' }).click();
    await widget.getByText('تم حجزك!').waitFor();
    expect(registrationsInPopin()).toEqual([IPHONE_DEMO]);
    await context.close();
  });
});

describe('booking on the shareable /s/{site} page', () => {
  it('works on a 375 px wide phone', async () => {
    const context = await newContext(e2e.browser, PHONE);
    const page = await context.newPage();
    const widget = await openWidget(page, `${e2e.stack.workerUrl}/s/demo`);
    expect(await page.title()).toContain('Acme Gadgets');
    // Nothing wider than the phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    await bookWithMouse(widget);
    await expectBookedThenCancel(page, widget, false);
    await context.close();
  });
});
