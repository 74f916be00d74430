import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { $, active, bookAsGuest, card, country, faults, mobileValue, mount, openForm, paste, reset, simRequests, text, typeInto, until } from './helpers.js';

describe('<popin-booking> booking form', () => {
  beforeEach(reset);

  it('opens the form for the chosen slot with focus on the name field; back returns focus to the slot button', async () => {
    const el = await mount();
    await openForm(el, 'iPhone demo');
    expect(active(el)?.id).to.equal('name');
    expect($(el, 'form')).to.exist;
    expect($(el, 'label[for="name"]')).to.exist;
    expect($(el, 'label[for="mobile"]')).to.exist;
    expect(text($(el, '[part~="summary"]'))).to.contain('iPhone demo');
    // The site's country (IN) is the default.
    expect(country(el)).to.equal('IN');
    expect(text($(el, '[part~="country"]'))).to.contain('+91');
    await expect(el).to.be.accessible();

    $(el, '[part~="back"]')!.click();
    await until(() => $(el, '[part~="list"]'), 'list');
    await el.updateComplete;
    expect(active(el)).to.equal(card(el, 'iPhone demo').querySelector('[part~="book"]'));

    // Escape closes the form too.
    await openForm(el, 'iPhone demo');
    await sendKeys({ press: 'Escape' });
    await until(() => $(el, '[part~="list"]'), 'list after Escape');
  });

  it('has the phone helpers (libphonenumber-js) once the form opens', async () => {
    // Fetched after the list paints or when the form opens, whichever comes first (prefetch.test.ts).
    const el = await mount();
    await openForm(el);
    expect(performance.getEntriesByType('resource').some((e) => e.name.includes('libphonenumber-js'))).to.equal(true);
    expect(country(el)).to.equal('IN');
  });

  it('formats the number as it is typed', async () => {
    const el = await mount();
    await openForm(el);
    await typeInto(el, '#mobile', '9544510895');
    expect(mobileValue(el)).to.equal('95445 10895');
  });

  it('accepts pasted numbers in any common form and switches the country for +CC numbers', async () => {
    const el = await mount();
    await openForm(el);
    await paste(el, '+91 95445-10895');
    expect(country(el)).to.equal('IN');
    expect(mobileValue(el).replace(/\D/g, '')).to.equal('09544510895');

    await paste(el, '095445 10895');
    expect(country(el)).to.equal('IN');
    expect(mobileValue(el)).to.equal('095445 10895');

    await paste(el, '0044 7911 123456');
    expect(['GB', 'GG']).to.include(country(el)); // 07911 is a Guernsey range in the mobile metadata
    expect(text($(el, '[part~="country"]'))).to.contain('+44');
    expect(mobileValue(el)).to.equal('07911 123456');

    await paste(el, '+1 (201) 555-0123');
    expect(country(el)).to.equal('US');
    expect(mobileValue(el)).to.equal('(201) 555-0123');

    // Typing +CC switches the country too, and keeps the international form while typing.
    ($(el, '#mobile') as HTMLInputElement).value = '';
    await typeInto(el, '#mobile', '+447400123456');
    expect(text($(el, '[part~="country"]'))).to.contain('+44');
    expect(mobileValue(el)).to.equal('+44 7400 123456');
  });

  it('formats for the chosen country and validates against it', async () => {
    const el = await mount();
    await openForm(el);
    const select = $(el, '[part~="country"] select') as HTMLSelectElement;
    select.value = 'GB';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(text($(el, '[part~="country"]'))).to.contain('+44');
    // Country names come from Intl.DisplayNames, flags from regional indicators.
    const label = select.selectedOptions[0]!.textContent ?? '';
    expect(label.includes('United Kingdom') && label.includes('🇬🇧') && label.includes('+44'), label).to.be.true;
    await typeInto(el, '#name', 'Olivia');
    await typeInto(el, '#mobile', '07911123456');
    expect(mobileValue(el)).to.equal('07911 123456');
    $(el, '[part~="submit"]')!.click();
    await until(() => $(el, '[part~="confirmation"]'), 'confirmation');
    const [capture] = await simRequests('/capture');
    expect(JSON.stringify(capture?.body)).to.contain('447911123456');
  });

  it('blocks an invalid number on the client, with the message under the field', async () => {
    const el = await mount();
    await openForm(el);
    await typeInto(el, '#name', 'Priya');
    await typeInto(el, '#mobile', '12345');
    $(el, '[part~="submit"]')!.click();
    await until(() => $(el, '#mobile-error'), 'mobile error');
    const input = $(el, '#mobile')!;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.contain('mobile-error');
    expect(text($(el, '#mobile-error'))).to.match(/short|valid/i);
    expect(active(el)).to.equal(input);
    expect(await simRequests('/capture')).to.have.length(0);
    await expect(el).to.be.accessible();

    // An empty name is caught too.
    ($(el, '#name') as HTMLInputElement).value = '';
    $(el, '#name')!.dispatchEvent(new InputEvent('input', { inputType: 'deleteContentBackward' }));
    $(el, '[part~="submit"]')!.click();
    await until(() => $(el, '#name-error'), 'name error');
    expect($(el, '#name')!.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#name')!.getAttribute('aria-describedby')).to.equal('name-error');
    expect(await simRequests('/capture')).to.have.length(0);
  });

  it("shows the worker's 422 field errors under the right field", async () => {
    await faults({
      failures: [
        {
          kind: 'status',
          status: 422,
          endpoint: 'capture',
          body: { message: 'The given data was invalid.', errors: { name: ['That name is not allowed.'], mobile: ['This number cannot receive messages.'] } },
        },
      ],
    });
    const el = await mount();
    await openForm(el);
    await typeInto(el, '#name', 'Priya');
    await typeInto(el, '#mobile', '9544510895');
    const error = oneEvent(el, 'popin-booking:error');
    $(el, '[part~="submit"]')!.click();
    expect((await error).detail).to.deep.include({ status: 422, code: 'validation_failed' });
    await until(() => $(el, '#mobile-error'), 'mobile error');
    expect(text($(el, '#name-error'))).to.equal('That name is not allowed.');
    expect(text($(el, '#mobile-error'))).to.equal('This number cannot receive messages.');
    expect($(el, '#name')!.getAttribute('aria-describedby')).to.equal('name-error');
    expect($(el, '#mobile')!.getAttribute('aria-describedby')).to.contain('mobile-error');
    expect(active(el)?.id).to.equal('name');
    await expect(el).to.be.accessible();
  });

  it('shows progress and sends one booking however often submit is pressed', async () => {
    await faults({ latencyMs: 600 });
    const el = await mount();
    await openForm(el);
    await typeInto(el, '#name', 'Priya');
    await typeInto(el, '#mobile', '9544510895');
    const submit = $(el, '[part~="submit"]')!;
    submit.click();
    await el.updateComplete;
    expect(submit.getAttribute('aria-disabled')).to.equal('true');
    expect(text(submit)).to.equal('Booking…');
    submit.click();
    ($(el, 'form') as unknown as HTMLFormElement).requestSubmit();
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '[part~="confirmation"]'), 'confirmation', 15_000);
    expect(await simRequests('/capture')).to.have.length(1);
    expect(await simRequests('/register')).to.have.length(1);
  });

  it('confirms with the slot, the number for humans and the join link; focus on the heading', async () => {
    const el = await mount();
    const registered = await bookAsGuest(el, 'Public Macbook demo');
    const confirmation = $(el, '[part~="confirmation"]')!;
    expect(active(el)).to.equal($(el, '#done-title'));
    expect(text(confirmation)).to.contain('Public Macbook demo');
    expect(text($(el, '[part~="contact"]'))).to.contain('+91 95445 10895');
    const join = $(el, '[part~="join"]') as HTMLAnchorElement;
    expect(join.protocol).to.match(/^https?:$/);
    expect(join.target).to.equal('_blank');
    expect(join.rel).to.equal('noopener noreferrer');
    expect(text(join)).to.contain('Join link');
    expect(text($(el, '[part~="status"]'))).to.contain('Booked: Public Macbook demo');
    await expect(el).to.be.accessible();

    // The event for the host page: the slot, bubbling and composed, never the token.
    expect(registered.bubbles).to.be.true;
    expect(registered.composed).to.be.true;
    expect(Object.keys(registered.detail.event).sort()).to.deep.equal(['date', 'end_time', 'ends_at', 'id', 'month', 'name', 'starts_at', 'time']);
    expect(registered.detail.event).to.include({ id: 2195, name: 'Public Macbook demo' });
    const token = JSON.parse(Object.values({ ...localStorage })[0] as string).token as string;
    expect(token).to.be.a('string').and.not.empty;
    expect(JSON.stringify(registered.detail)).not.to.contain(token);

    // Back to the list: focus returns to the slot, now booked.
    $(el, '[part~="done"]')!.click();
    await until(() => $(el, '[part~="list"]'), 'list');
    await el.updateComplete;
    expect(active(el)).to.equal(card(el, 'Public Macbook demo').querySelector('[data-slot]'));
  });

  it('shows a prominent "Join now" for a live demo', async () => {
    const el = await mount();
    await bookAsGuest(el, 'Live: AirPods Pro demo');
    const join = $(el, '[part~="join-now"]') as HTMLAnchorElement;
    expect(text(join)).to.contain('Join now');
    expect(join.href).to.match(/^https?:\/\//);
    expect(join.rel).to.equal('noopener noreferrer');
    expect(join.target).to.equal('_blank');
    await expect(el).to.be.accessible();
  });

  it('defaults the country to the browser language region when the site has none', async () => {
    const { browserRegion } = await import('../../widget/src/booking/country.js');
    expect(browserRegion(['en-GB'])).to.equal('GB');
    expect(browserRegion(['fr', 'de-CH'])).to.equal('CH');
    expect(browserRegion(['en'])).to.equal('US');
    expect(browserRegion([])).to.equal(undefined);
  });
});
