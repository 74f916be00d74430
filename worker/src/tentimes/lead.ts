/**
 * Finds a person in a 10times push. The Push API sends "raw data" as JSON and documents
 * its fields only in a screenshot, so the lead is looked for by what its keys mean
 * (name/full name/contact person, phone/mobile/contact number, email/email id), nearest
 * the top first, never inside the event's or organiser's own details.
 */

export interface FoundLead {
  name?: string;
  phone?: string;
  email?: string;
}

const normalise = (key: string) => key.toLowerCase().replace(/[^a-z]/g, '');

const NAME_KEYS = new Set(['name', 'fullname', 'visitorname', 'attendeename', 'leadname', 'username', 'contactperson', 'contactname', 'personname']);
const FIRST_NAME_KEYS = new Set(['firstname', 'fname', 'givenname']);
const LAST_NAME_KEYS = new Set(['lastname', 'lname', 'surname', 'familyname']);
const PHONE_KEYS = new Set(['phone', 'mobile', 'mobileno', 'mobilenumber', 'phoneno', 'phonenumber', 'contactno', 'contactnumber', 'cell', 'cellphone', 'whatsapp', 'whatsappnumber', 'telephone', 'tel']);
const EMAIL_KEYS = new Set(['email', 'emailid', 'emailaddress', 'mail']);
/** Subtrees about something other than the lead. */
const SKIP = new Set(['event', 'events', 'organizer', 'organiser', 'venue', 'exhibition', 'customvariables', 'customvalues']);

const MAX_DEPTH = 5;
const MAX_NODES = 500;

export function findLead(payload: unknown): FoundLead {
  const lead: FoundLead = {};
  let first: string | undefined;
  let last: string | undefined;
  // Breadth first: a top-level "name" wins over one nested deeper.
  let level: unknown[] = [payload];
  let seen = 0;
  for (let depth = 0; depth < MAX_DEPTH && level.length; depth++) {
    const next: unknown[] = [];
    for (const node of level) {
      if (++seen > MAX_NODES) break;
      const entries = Array.isArray(node) ? node.map((v, i) => [String(i), v] as const) : node && typeof node === 'object' ? Object.entries(node) : [];
      for (const [rawKey, value] of entries) {
        const key = normalise(rawKey);
        if (value && typeof value === 'object') {
          if (!SKIP.has(key)) next.push(value);
          continue;
        }
        const text = typeof value === 'string' ? value.trim() : typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : '';
        if (!text || text.length > 200) continue;
        if (NAME_KEYS.has(key)) lead.name ??= text;
        else if (FIRST_NAME_KEYS.has(key)) first ??= text;
        else if (LAST_NAME_KEYS.has(key)) last ??= text;
        else if (PHONE_KEYS.has(key)) lead.phone ??= text;
        else if (EMAIL_KEYS.has(key) && text.includes('@')) lead.email ??= text;
      }
    }
    level = next;
  }
  if (!lead.name && (first || last)) lead.name = [first, last].filter(Boolean).join(' ');
  return lead;
}
