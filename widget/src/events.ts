/**
 * Events the widget sends to the host page. All bubble and cross the shadow
 * boundary (composed), and none ever carries the customer's token. They are plain
 * `CustomEvent`s, typed for the host page in `GlobalEventHandlersEventMap`
 * (popin-booking.ts): a class per event would cost first-load bytes for nothing.
 * Booking details come from `slotDetail` (list/slot-list.ts), which drops the join URL.
 */
import type { DemoEvent } from './api.js';

/** The public description of a slot in event details: the event without its join URL. */
export type SlotDetail = Pick<DemoEvent, 'id' | 'name' | 'date' | 'month' | 'time' | 'end_time' | 'starts_at' | 'ends_at'>;

/** Where a booking came from: the page's URL (no query, no fragment) and its utm_* parameters. */
export interface Attribution {
  page?: string;
  utm?: Partial<Record<'source' | 'medium' | 'campaign' | 'term' | 'content', string>>;
}

export interface BookingDetail {
  event: SlotDetail;
  /** On `popin-booking:registered`: what was sent with the booking. */
  attribution?: Attribution;
}

export interface ErrorDetail {
  /** Machine readable, e.g. "upstream_timeout", "network_error". */
  code: string;
  /** Human readable, as shown in the widget. */
  message: string;
  /** HTTP status, 0 when the request got no answer. */
  status: number;
}

export interface PopinEventDetails {
  /** A customer registered for a slot. */
  'popin-booking:registered': BookingDetail;
  /** A customer cancelled a registration. */
  'popin-booking:cancelled': BookingDetail;
  /** A request to the booking service failed. */
  'popin-booking:error': ErrorDetail;
  /** The popup opened (popup and floating modes). */
  'popin-booking:open': Record<string, never>;
  /** The popup closed. */
  'popin-booking:close': Record<string, never>;
}

export type PopinEventMap = { [K in keyof PopinEventDetails]: CustomEvent<PopinEventDetails[K]> };

/** Dispatches one of the widget's events from `host`. */
export const emit = <K extends keyof PopinEventDetails>(host: HTMLElement, type: K, detail: PopinEventDetails[K]) =>
  host.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
