/**
 * EnableX's error codes (the "Error Codes" table of ../shared/vendor-docs/enablex-ucaas-api.txt)
 * and what each becomes in our API: an HTTP status, a kind, and, where the code concerns one
 * field, that field's name in our API, so that a console can show the error under it.
 * Messages are ours (the document's descriptions, cleaned up): an upstream body is never shown.
 */

export type EnablexErrorKind =
  /** A document code about the input; `field` names our API's field when it concerns one. */
  | 'validation'
  /** A document code that is not about one input (room not active, password codes). */
  | 'rejected'
  /** 1615–1618: the seller's EnableX account lacks a subscription or a user lacks a licence. */
  | 'licence'
  /** EnableX answered 404: no such meeting, room or user. */
  | 'not_found'
  /** EnableX refused the app id / app key (401/403 without a document code). */
  | 'unauthorized'
  /** No answer within the timeout. */
  | 'timeout'
  /** Anything else: 5xx, a redirect, a body that is not JSON or not the documented shape, an unknown code, no connection. */
  | 'upstream';

/** One problem EnableX reported (an answer may carry several). */
export interface EnablexIssue {
  code: number;
  /** Our API's field name, when the code concerns one field. */
  field?: string;
  message: string;
}

export class EnablexError extends Error {
  override readonly name = 'EnablexError';
  constructor(
    readonly kind: EnablexErrorKind,
    /** The status our API should answer with. */
    readonly status: number,
    message: string,
    /** The EnableX code (1000–4201), kept for unknown codes too. */
    readonly code?: number,
    readonly field?: string,
    /** Every code of the answer, first one first (the same as code/field/message). */
    readonly issues: readonly EnablexIssue[] = [],
  ) {
    super(message);
  }
}

export interface EnablexCodeEntry {
  kind: 'validation' | 'rejected' | 'licence';
  status: number;
  /** Our API's field name, when the code concerns one field. */
  field?: string;
  message: string;
}

const v = (field: string | undefined, message: string): EnablexCodeEntry => ({ kind: 'validation', status: 422, ...(field ? { field } : {}), message });
// Seller-facing: the customer cannot fix these, the seller fixes them in their EnableX account.
const licence = (message: string): EnablexCodeEntry => ({ kind: 'licence', status: 403, message });

/** Every code of the document. The fields are our API's names (room_name → name, desc → description). */
export const ENABLEX_ERROR_CODES: Readonly<Record<number, EnablexCodeEntry>> = {
  1000: { kind: 'rejected', status: 409, message: 'The room is not active.' },
  1601: v('start_time', 'The start time must be in the future.'),
  1602: v('start_time', 'The start time must be YYYY-MM-DD HH:mm:ss in UTC.'),
  1603: v('start_time', 'The start time is required.'),
  1611: v('name', 'The meeting title is required.'),
  1612: v('name', 'The meeting title must be at least 3 characters.'),
  1613: v('name', 'The meeting title must be at most 50 characters.'),
  1615: licence('The EnableX account has no active meeting subscription. Renew it in the EnableX portal.'),
  1616: licence('The EnableX account has no active webinar subscription. Renew it in the EnableX portal.'),
  1617: licence('This EnableX user is not assigned a meeting licence. Assign one in the EnableX portal.'),
  1618: licence('This EnableX user is not assigned a webinar licence. Assign one in the EnableX portal.'),
  1621: v('description', 'The description is required.'),
  1631: v('duration', 'The duration is required.'),
  1632: v('duration', 'The duration must be at least 10 minutes.'),
  1633: v('duration', 'The duration exceeds what the account allows.'),
  1634: v('duration', 'The duration must be a number of minutes.'),
  1641: v('moderators', 'The number of moderators is required.'),
  1642: v('moderators', 'There must be at least 1 moderator.'),
  1643: v('moderators', 'The number of moderators must not exceed the room size.'),
  1644: v('moderators', 'The number of moderators must be a number.'),
  1651: v('participants', 'The number of participants is required.'),
  1652: v('participants', 'The number of participants must be at least 0.'),
  1653: v('participants', 'The number of participants must not exceed the room size.'),
  1654: v('participants', 'The number of participants must be a number.'),
  1672: v('auto_recording', 'Auto recording must be true or false.'),
  1681: v('timezone_id', 'The time zone is required.'),
  1683: v('timezone_id', 'The time zone id is required.'),
  1684: v('timezone_id', 'The time zone id is not valid.'),
  1685: v('timezone_id', 'The time zone id is not valid.'),
  1686: v('timezone_id', 'The time zone id is not valid.'),
  1691: v('timezone_id', 'The time zone id is not valid.'),
  1692: v('send_mail', 'Send email must be true or false.'),
  1693: v('wait_for_moderator', 'Wait for moderator must be true or false.'),
  1694: v('knock', 'Knock must be true or false.'),
  1695: v('invitees', 'The invitees must be a list.'),
  1696: v('invitees.emails', 'The invitee email addresses must be a list.'),
  1697: v('invitees.contact_ids', 'The invitee contact ids must be a list.'),
  1698: v('invitees.group_ids', 'The invitee group ids must be a list.'),
  1901: v('reset_mpin', 'Reset moderator PIN must be true or false.'),
  1902: v('reset_ppin', 'Reset participant PIN must be true or false.'),
  // Concerns both fields: shown on the form, not under one of them.
  1903: v(undefined, 'Choose the moderator PIN, the participant PIN or both to reset.'),
  2402: v('message', 'The lobby messages are required.'),
  2403: v('image', 'The lobby images are required.'),
  2404: v('audio', 'The lobby audio is required.'),
  2405: v('video', 'The lobby video is required.'),
  2412: v('image', 'The lobby images must be a list.'),
  2421: v('video', 'The lobby videos must be a list.'),
  2422: v('message', 'Each lobby message needs a text.'),
  2423: v('options', 'Choose what the lobby shows: messages, images, audio or video.'),
  2432: v('message', 'A lobby message must be at least 5 characters.'),
  2433: v('message', 'A lobby message must be at most 100 characters.'),
  2435: v('image', 'An image caption must be text.'),
  2438: v('video', 'A video URL must be text.'),
  // Images, audio and video all take URLs: the code does not say which.
  2453: v(undefined, 'A URL is not valid.'),
  2501: v('page_length', 'The page length must be an integer.'),
  2603: v('order_by', 'The order is not valid.'),
  2604: v('order_qualify', 'The order direction must be asc or desc.'),
  2605: v('search_by', 'The search field is not valid.'),
  2606: v('search_string', 'The search text is required with a search field.'),
  2608: v('page', 'The page number must be a number.'),
  // Account codes no endpoint of this client should produce; kept so they are not "unknown".
  3011: { kind: 'rejected', status: 422, message: 'The old and the new password cannot be the same.' },
  4201: { kind: 'rejected', status: 422, message: 'The password reset token or code is not valid.' },
};

/** The error for a `result: 0` answer with these codes (first one first); unknown codes are a generic upstream error, code kept. */
export function errorForCodes(codes: readonly number[], httpStatus: number): EnablexError {
  const issues: EnablexIssue[] = codes.map((code) => {
    const entry = ENABLEX_ERROR_CODES[code];
    return entry ? { code, ...(entry.field ? { field: entry.field } : {}), message: entry.message } : { code, message: `EnableX refused the request (code ${code}).` };
  });
  const first = issues[0];
  const entry = first ? ENABLEX_ERROR_CODES[first.code] : undefined;
  if (!first || !entry) {
    return new EnablexError('upstream', 502, first ? first.message : `EnableX refused the request (HTTP ${httpStatus}, no code).`, first?.code, undefined, issues);
  }
  return new EnablexError(entry.kind, entry.status, entry.message, first.code, entry.field, issues);
}
