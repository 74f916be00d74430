/**
 * Events the widget sends to the host page. All bubble and cross the shadow
 * boundary (composed), and none ever carries the customer's token.
 */
import type { DemoEvent } from './api.js';

/** The public description of a slot in event details: the event without its join URL. */
export type SlotDetail = Pick<DemoEvent, 'id' | 'name' | 'date' | 'month' | 'time' | 'end_time'>;

export interface BookingDetail {
  event: SlotDetail;
}

export interface ErrorDetail {
  /** Machine readable, e.g. "upstream_timeout", "network_error". */
  code: string;
  /** Human readable, as shown in the widget. */
  message: string;
  /** HTTP status, 0 when the request got no answer. */
  status: number;
}

abstract class PopinEvent<T> extends CustomEvent<T> {
  constructor(type: string, detail: T) {
    super(type, { bubbles: true, composed: true, detail });
  }
}

/** A customer registered for a slot. */
export class PopinRegisteredEvent extends PopinEvent<BookingDetail> {
  constructor(detail: BookingDetail) {
    super('popin-booking:registered', detail);
  }
}

/** A customer cancelled a registration. */
export class PopinCancelledEvent extends PopinEvent<BookingDetail> {
  constructor(detail: BookingDetail) {
    super('popin-booking:cancelled', detail);
  }
}

/** A request to the booking service failed. */
export class PopinErrorEvent extends PopinEvent<ErrorDetail> {
  constructor(detail: ErrorDetail) {
    super('popin-booking:error', detail);
  }
}

/** Only the public fields of a slot: never join URLs or anything customer specific. */
export function slotDetail(event: DemoEvent): BookingDetail {
  const { id, name, date, month, time, end_time } = event;
  return { event: { id, name, date, month, time, end_time } };
}

export interface PopinEventMap {
  'popin-booking:registered': PopinRegisteredEvent;
  'popin-booking:cancelled': PopinCancelledEvent;
  'popin-booking:error': PopinErrorEvent;
}
