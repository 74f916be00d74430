import type { ResolvedTentimesSite } from './config';

/**
 * The 10times Pull API client: the only module that knows 10times' path, form fields and
 * answers (../shared/vendor-docs/10times-api.txt). The body is built exactly as PHP's
 * `http_build_query($data)` would encode the document's `$data` array.
 */

/** A value of a PHP array as http_build_query walks it. */
export type PhpValue = string | number | boolean | null | undefined | PhpValue[] | { [key: string]: PhpValue };

/** PHP's urlencode(): [A-Za-z0-9_.-] stay, a space becomes "+", every other byte is %XX (upper-case). */
export function phpUrlencode(text: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(text)) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9_.-]/.test(ch)) out += ch;
    else if (byte === 0x20) out += '+';
    else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/**
 * PHP's http_build_query($data) with its defaults: nested keys as `a[b][0]` (brackets
 * percent-encoded), lists with explicit indexes, true/false as 1/0, null skipped.
 * Keys keep their insertion order, except that JavaScript objects list integer-like keys first.
 */
export function httpBuildQuery(data: Record<string, PhpValue>): string {
  const parts: string[] = [];
  const walk = (name: string, value: PhpValue): void => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) value.forEach((item, index) => walk(`${name}[${index}]`, item));
    else if (typeof value === 'object') for (const [key, item] of Object.entries(value)) walk(`${name}[${key}]`, item);
    else parts.push(`${phpUrlencode(name)}=${phpUrlencode(typeof value === 'boolean' ? (value ? '1' : '0') : String(value))}`);
  };
  for (const [key, value] of Object.entries(data)) walk(key, value);
  return parts.join('&');
}

/** The customer as the widget gave them: what the attendee fields are filled from. */
export interface Attendee {
  name: string;
  email: string;
  /** E.164, as Popin has it. */
  mobile: string;
  designation?: string;
  company?: string;
  city?: string;
  country?: string;
}

/** What identifies one booking to 10times when a ticket is recorded (billing[orderNo]). */
export interface Order {
  orderNo: string;
  /** "YYYY-MM-DD HH:MM:SS", the document's example format. */
  datePurchased: string;
}

/** The documented payload for one attendee, in the document's order. */
export function registrationForm(site: ResolvedTentimesSite, attendee: Attendee, order: Order): Record<string, PhpValue> {
  // "User's Mobile with Country Code", typed int: the E.164 digits without "+".
  const phone = attendee.mobile.replace(/\D/g, '');
  const { ticket } = site;
  const data: Record<string, PhpValue> = { key: site.apiKey, event: site.event, channel: site.channel };
  if (ticket?.billing) {
    data.billing = {
      orderNo: order.orderNo,
      datePurchased: order.datePurchased,
      quantity: 1,
      ticketcost: ticket.price,
      billingname: attendee.name,
      billingemailid: attendee.email,
      buyerPhoneNo: phone,
      currency: ticket.currency,
      noEmail: site.noEmail ? '1' : undefined,
    };
  }
  data.attendee = [
    {
      name: attendee.name,
      email: attendee.email,
      phone,
      designation: attendee.designation,
      company: attendee.company,
      city: attendee.city,
      country: attendee.country,
      noEmail: site.noEmail ? '1' : undefined,
      ticketTypeId: ticket?.typeId,
      ticketName: ticket?.name,
      ticketPrice: ticket?.price,
      // `$data['attendee']['0']['response'][123][] = "Female"`: a list per question id.
      response: site.questions,
    },
  ];
  return data;
}

export type TentimesResult =
  | { kind: 'registered'; floorLink?: string }
  /** The documented failure, `status: 0`: 10times looked at it and said no. Retrying will not help. */
  | { kind: 'rejected'; message: string }
  /** No usable answer (no connection, timeout, HTTP error, a body that is not the documented JSON): try again later. */
  | { kind: 'unavailable'; detail: string };

export interface TentimesClientOptions {
  baseUrl: string;
  timeoutMs: number;
}

export async function registerAttendee(options: TentimesClientOptions, form: Record<string, PhpValue>): Promise<TentimesResult> {
  let response: Response;
  try {
    response = await fetch(`${options.baseUrl}/v1/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: httpBuildQuery(form),
      // A redirect would carry the key elsewhere.
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return { kind: 'unavailable', detail: timedOut ? `no answer within ${options.timeoutMs} ms` : 'no connection' };
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    return { kind: 'unavailable', detail: `HTTP ${response.status}, body is not JSON` };
  }
  const body = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  const status = body.status;
  if (response.status === 200 && (status === 1 || status === '1')) {
    const userInfo = typeof body.userInfo === 'object' && body.userInfo !== null ? (body.userInfo as Record<string, unknown>) : {};
    const link = userInfo.floorLink;
    // It ends up in an href on a seller's page: http(s) only.
    return { kind: 'registered', floorLink: typeof link === 'string' && /^https?:\/\/\S+$/i.test(link) && link.length <= 2048 ? link : undefined };
  }
  if (status === 0 || status === '0') {
    let message = typeof body.message === 'string' && body.message.trim() ? body.message.trim().slice(0, 300) : 'no reason given';
    // The reason is stored and shown to operators: never with the key in it, should 10times echo it.
    if (typeof form.key === 'string' && form.key) message = message.replaceAll(form.key, '[key]');
    return { kind: 'rejected', message };
  }
  return { kind: 'unavailable', detail: `HTTP ${response.status}${response.status === 200 ? ' without status 1 or 0' : ''}` };
}
