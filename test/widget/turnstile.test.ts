import { expect, oneEvent } from '@open-wc/testing';
import type { TurnstileApi, TurnstileOptions } from '../../widget/src/booking/human-check.js';
import { $, mount, openForm, reset, simRequests, text, typeInto, until } from './helpers.js';

// Site "guarded" of the local stack puts Turnstile in front of sign-ups; the worker checks
// tokens with a local fake siteverify (demo/turnstile-fake.ts: "pass…" passes, "fail…" fails).
// Cloudflare's script cannot load here, so the page gets a stand-in `window.turnstile` that
// renders a button and answers with the token the test chooses: the widget uses the page's
// Turnstile when there is one, as it would after the real script had loaded.

class FakeTurnstile implements TurnstileApi {
  answer = 'pass-widget-test';
  resets = 0;
  rendered: Array<{ container: HTMLElement; options: TurnstileOptions }> = [];

  render(container: HTMLElement, options: TurnstileOptions) {
    this.rendered.push({ container, options });
    const button = Object.assign(document.createElement('button'), { type: 'button', textContent: "I'm human" });
    button.addEventListener('click', () => options.callback(this.answer));
    container.append(button);
    return `widget-${this.rendered.length}`;
  }

  reset() {
    this.resets++;
  }

  removed: string[] = [];

  remove(widgetId: string) {
    this.removed.push(widgetId);
  }
}

let fake: FakeTurnstile;

describe('<popin-booking> on a site with Turnstile', () => {
  beforeEach(async () => {
    await reset();
    fake = new FakeTurnstile();
    window.turnstile = fake;
  });

  afterEach(() => {
    delete window.turnstile;
  });

  async function fillForm() {
    const el = await mount('guarded');
    await openForm(el, 'iPhone demo');
    await until(() => $(el, '[part~="challenge"] button'), 'challenge rendered');
    await typeInto(el, '#name', 'Priya');
    await typeInto(el, '#mobile', '9544510895');
    return el;
  }

  it("renders the challenge in the form with the site's key, and books once it is passed", async () => {
    const el = await fillForm();
    expect(fake.rendered).to.have.length(1);
    expect(fake.rendered[0]!.options.sitekey).to.equal('1x00000000000000000000AA');
    expect(el.shadowRoot!.contains(fake.rendered[0]!.container)).to.be.true;
    await expect(el).to.be.accessible();

    ($(el, '[part~="challenge"] button') as HTMLButtonElement).click();
    const registered = oneEvent(el, 'popin-booking:registered');
    $(el, '[part~="submit"]')!.click();
    await registered;
    await until(() => $(el, '[part~="confirmation"]'), 'confirmation');
    expect((await simRequests('/capture')).length).to.equal(1);
    // Tokens are single-use: the challenge is reset for any next sign-up.
    expect(fake.resets).to.equal(1);
  });

  it('asks for the check first when it has not been passed, and sends nothing', async () => {
    const el = await fillForm();
    $(el, '[part~="submit"]')!.click();
    await until(() => $(el, '[part~="form-error"]'), 'form error');
    expect(text($(el, '[part~="form-error"]'))).to.equal('Please complete the security check above the button.');
    expect(await simRequests('/capture')).to.deep.equal([]);
  });

  it("shows the worker's message when siteverify refuses the token, and offers a fresh challenge", async () => {
    const el = await fillForm();
    fake.answer = 'fail-widget-test';
    ($(el, '[part~="challenge"] button') as HTMLButtonElement).click();
    const error = oneEvent(el, 'popin-booking:error');
    $(el, '[part~="submit"]')!.click();
    expect((await error).detail.code).to.equal('turnstile_failed');
    await until(() => $(el, '[part~="form-error"]'), 'form error');
    expect(text($(el, '[part~="form-error"]'))).to.match(/human|check/i);
    expect(fake.resets).to.equal(1);
    expect(await simRequests('/capture')).to.deep.equal([]);
  });

  it('removes its challenge when the element leaves the page, and renders a fresh one when it comes back', async () => {
    const el = await fillForm();
    ($(el, '[part~="challenge"] button') as HTMLButtonElement).click();
    const parent = el.parentElement!;
    el.remove();
    expect(fake.removed).to.deep.equal(['widget-1']);
    parent.append(el);
    await until(() => fake.rendered.length === 2, 'challenge rendered again');
    expect(el.shadowRoot!.contains(fake.rendered[1]!.container)).to.be.true;
    // The old token went with the old challenge: booking asks for the check again.
    $(el, '[part~="submit"]')!.click();
    await until(() => $(el, '[part~="form-error"]'), 'form error');
    expect(text($(el, '[part~="form-error"]'))).to.equal('Please complete the security check above the button.');
  });
});
