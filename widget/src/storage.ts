/**
 * Remembers the customer per site: the API token plus the name and mobile
 * number to show ("Book as Priya · +91 95445 10895").
 *
 * localStorage can be missing or throw (Safari private mode, sandboxed
 * iframes, storage disabled): then the session lives in memory for the life
 * of the page, which is still enough for the widget to work.
 */

export interface StoredCustomer {
  token: string;
  name: string;
  /** E.164, e.g. "+919544510895". */
  mobile: string;
  /** The number formatted for humans, e.g. "+91 95445 10895". */
  display: string;
}

/** The session of a page without usable localStorage (saved by booking/save-customer.ts). */
export const memory = new Map<string, string>();

/** `popin-booking:<api base>:<site>`, e.g. "popin-booking:https://book.acme.example:acme". */
export const storageKey = (api: string, site: string) => `popin-booking:${api.replace(/\/+$/, '')}:${site}`;

export function loadCustomer(key: string): StoredCustomer | undefined {
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(key);
  } catch {
    /* no usable localStorage: memory only */
  }
  try {
    const { token, name, mobile, display } = JSON.parse(raw ?? memory.get(key) ?? '{}') as Partial<Record<keyof StoredCustomer, unknown>>;
    if (typeof token === 'string' && token && typeof name === 'string' && typeof mobile === 'string') {
      return { token, name, mobile, display: (typeof display === 'string' && display) || mobile };
    }
  } catch {
    /* not ours, or not JSON */
  }
  return undefined;
}

export function forgetCustomer(key: string): void {
  memory.delete(key);
  try {
    localStorage.removeItem(key);
  } catch {
    /* nothing stored there */
  }
}
