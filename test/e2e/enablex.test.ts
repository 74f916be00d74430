import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { UPCOMING_MEETING_IDS } from '../../demo/enablex-simulator/seed';
import { axeViolations } from './axe';
import { DESKTOP, newContext, stackAndBrowser } from './browser';

// What `npm start` shows: the demo seller page whose site "demo" has the EnableX option. A
// customer books the EnableX iPhone demo in the widget, sees its waiting room (the lobby's
// pictures, the participant PIN), and when EnableX's clock reaches the start, joins it: the link
// opens the meeting's page on the EnableX simulator. Popin gets the lead and no registration.

const e2e = stackAndBrowser({ demoEnablex: true });

const IPHONE = UPCOMING_MEETING_IDS[1];
/** The EnableX iPhone demo's card (found by the demo id). */
const enablexCard = (page: Page, widget: Locator) => widget.locator('[part~="slot"]', { has: page.locator(`[data-slot="enablex-${IPHONE}"]`) });

describe('EnableX demo on the demo seller page', () => {
  it('is booked, shows its waiting room, and is joined once EnableX says it is current', async () => {
    const context = await newContext(e2e.browser, DESKTOP);
    const page = await context.newPage();
    await page.goto(e2e.stack.demoUrl!);
    const widget = page.locator('popin-booking');
    const card = enablexCard(page, widget);
    await card.waitFor();

    await card.getByRole('button', { name: /^Book iPhone video tour/ }).click();
    await widget.getByLabel('Your name').fill('Priya Sharma');
    await widget.getByLabel('Mobile number').pressSequentially('095445 10895');
    await widget.getByRole('button', { name: 'Book this demo' }).click();
    await widget.getByText("You're booked!").waitFor();
    await widget.getByRole('button', { name: 'Back to all demos' }).click();

    const room = card.locator('[part~="waiting-room"]');
    await room.locator('[part~="countdown"]').waitFor();
    expect(await room.locator('[part~="countdown"]').textContent()).toMatch(/Starts in/);
    const meeting = e2e.stack.enablex.state.meetings.get(IPHONE)!;
    expect(await room.locator('[part~="ppin"]').textContent()).toBe(meeting.ppin);
    await room.locator('figcaption', { hasText: 'The new iPhone in blue titanium' }).waitFor();
    await page.waitForFunction(
      (id) => {
        const root = document.querySelector('popin-booking')!.shadowRoot!;
        const room = root.querySelector(`#room-enablex-${id}`)?.closest('[part~="waiting-room"]');
        const imgs = [...(room?.querySelectorAll<HTMLImageElement>('[part~="lobby-image"] img') ?? [])];
        return imgs.length === 2 && imgs.every((img) => img.complete && img.naturalWidth > 0);
      },
      IPHONE,
    );
    expect(await card.textContent()).not.toContain(meeting.mpin);
    expect(await axeViolations(page)).toEqual([]);

    // Popin has the lead; the seat is the worker's (no Popin registration for an EnableX demo).
    expect(e2e.stack.simulator.requests.filter((r) => r.path.endsWith('/conference/capture'))).toHaveLength(1);
    expect(e2e.stack.simulator.requests.filter((r) => r.path.endsWith('/conference/register'))).toHaveLength(0);

    e2e.stack.enablex.clock.set(new Date(meeting.start + 60_000));
    await page.reload();
    const join = enablexCard(page, widget).getByRole('link', { name: /^Join now iPhone video tour/ });
    await join.waitFor();
    const [meetingPage] = await Promise.all([context.waitForEvent('page'), join.click()]);
    await meetingPage.waitForLoadState();
    expect(meetingPage.url()).toBe(`${new URL(e2e.stack.enablexUrl).origin}/join/${meeting.room_id}`);
    await context.close();
  });
});
