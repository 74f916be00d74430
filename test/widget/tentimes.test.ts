import { expect, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { $, $$, active, card, mount, openForm, reset, simRequests, text, typeInto, until } from './helpers.js';

// Site "expo" of the local stack has the 10times option (asking for company and city):
// the booking form also asks for an email, checked like the other fields, and once 10times
// has registered the customer their FLOOR link shows on the booked slot.

interface TentimesRegistration {
  event: number;
  attendee: Record<string, string>;
  floorLink: string;
}
const registrations = async () => (await executeServerCommand<TentimesRegistration[], undefined>('tentimes-registrations')) ?? [];

describe('<popin-booking> on a site with the 10times option', () => {
  beforeEach(reset);

  it('asks for an email (required) and the optional fields the site configures, accessibly', async () => {
    const el = await mount('expo');
    await openForm(el, 'iPhone demo');
    await until(() => $(el, '#email'), 'email field');
    await el.updateComplete;
    expect($(el, 'label[for="email"]')).to.exist;
    expect(($(el, '#email') as HTMLInputElement).type).to.equal('email');
    expect(($(el, '#email') as HTMLInputElement).autocomplete).to.equal('email');
    expect(text($(el, 'label[for="company"]'))).to.equal('Company (optional)');
    expect(text($(el, 'label[for="city"]'))).to.equal('City (optional)');
    expect($(el, '#designation')).to.not.exist;
    await expect(el).to.be.accessible();
  });

  it('does not show 10times fields on a site without the option', async () => {
    const el = await mount('demo');
    await openForm(el, 'iPhone demo');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await el.updateComplete;
    expect($(el, '#email')).to.not.exist;
  });

  it('a missing or mistyped email shows under the field, focused, and nothing is sent', async () => {
    const el = await mount('expo');
    await openForm(el, 'iPhone demo');
    await until(() => $(el, '#email'), 'email field');
    await typeInto(el, '#name', 'Priya');
    await typeInto(el, '#mobile', '9544510895');
    $(el, '[part~="submit"]')!.click();
    await until(() => $(el, '#email-error'), 'email error');
    await el.updateComplete;
    expect(text($(el, '#email-error'))).to.equal('Enter your email address.');
    expect($(el, '#email')!.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#email')!.getAttribute('aria-describedby')).to.equal('email-hint email-error');
    await until(() => active(el)?.id === 'email', 'focus on the email field');
    expect($(el, '[part~="form-error"]')).to.not.exist;

    await typeInto(el, '#email', 'priya@example');
    // Typing clears the message; submitting again shows the format one.
    $(el, '[part~="submit"]')!.click();
    await until(() => text($(el, '#email-error')).includes('valid email'), 'format error');
    expect(await simRequests('/capture')).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('with the name missing too, both messages show at once and focus goes to the name', async () => {
    const el = await mount('expo');
    await openForm(el, 'iPhone demo');
    await until(() => $(el, '#email'), 'email field');
    await typeInto(el, '#mobile', '9544510895');
    $(el, '[part~="submit"]')!.click();
    await until(() => $(el, '#name-error') && $(el, '#email-error'), 'both errors');
    expect(text($(el, '#email-error'))).to.equal('Enter your email address.');
    await until(() => active(el)?.id === 'name', 'focus on the name field');
    expect(await simRequests('/capture')).to.deep.equal([]);
  });

  it('books: Popin first, then 10times with the email and company; the FLOOR link shows when the widget is opened again', async () => {
    const el = await mount('expo');
    await openForm(el, 'iPhone demo');
    await until(() => $(el, '#email'), 'email field');
    await typeInto(el, '#name', 'Priya Sharma');
    await typeInto(el, '#mobile', '9544510895');
    await typeInto(el, '#email', 'priya@example.com');
    await typeInto(el, '#company', 'Sharma Retail');
    const registered = oneEvent(el, 'popin-booking:registered');
    $(el, '[part~="submit"]')!.click();
    await registered;
    await until(() => $(el, '[part~="confirmation"]'), 'confirmation');
    expect(text($(el, '[part~="tentimes-note"]'))).to.contain('also being registered for this event on 10times');
    expect((await simRequests('/capture')).map((r) => r.body)).to.deep.equal([{ name: 'Priya Sharma', mobile: '+919544510895' }]);

    await until(async () => (await registrations()).length === 1, '10times registration', 15_000);
    const [registration] = await registrations();
    expect(registration!.attendee).to.deep.equal({ name: 'Priya Sharma', email: 'priya@example.com', phone: '919544510895', company: 'Sharma Retail' });

    // The customer comes back: the booked slot offers the FLOOR link.
    el.remove();
    const again = await mount('expo');
    await until(() => card(again, 'iPhone demo').querySelector('[part~="floor"]'), 'FLOOR link');
    const link = card(again, 'iPhone demo').querySelector('[part~="floor"]') as HTMLAnchorElement;
    expect(text(link)).to.contain('Also join on 10times FLOOR');
    expect(link.href).to.equal(registration!.floorLink);
    expect(link.target).to.equal('_blank');
    expect($$(again, '[part~="floor"]')).to.have.length(1);
    await expect(again).to.be.accessible();
  });
});
