import { z } from 'zod';

/**
 * A site's abuse limits and slots caching, as written in its SITES entry. Every key is
 * optional: the defaults let a person book a few demos a minute and stop a bot doing hundreds.
 */

// Up to a million a minute: a load test from one address must be able to get past them.
const perMinute = (fallback: number) => z.number().int().min(1).max(1_000_000).default(fallback);

export const LimitsSchema = z
  .object({
    /** Sign-ups (POST customers) per client address per minute on a site without Turnstile: each one is a Popin lead. */
    customersPerMinute: perMinute(10),
    /**
     * Sign-ups per client address per minute on a site with Turnstile, where each one reaching
     * Popin has passed a human check: high enough for a carrier NAT (thousands of real people
     * behind one IPv4 address an hour), still a ceiling on what one address can make siteverify do.
     */
    customersPerMinuteWithTurnstile: perMinute(150),
    /** Bookings and cancellations per customer (token) per minute. */
    registrationsPerMinute: perMinute(20),
    /** Bookings and cancellations per client address per minute, all customers behind it together: a coarse ceiling. */
    registrationsPerAddressPerMinute: perMinute(300),
    /** Slot list reads per client per minute: looser, the widget reads them on every page view. */
    slotsPerMinute: perMinute(120),
    /** 10times pushes per site per minute (checked after the path secret), and per sending address. */
    webhookPerMinute: perMinute(60),
    /** Upcoming demos one customer may be booked on at once on this site. */
    activeRegistrations: z.number().int().min(1).max(1_000).default(5),
  })
  .strict()
  .prefault({});

export type Limits = z.infer<typeof LimitsSchema>;

/**
 * How long the general slots list is shared between visitors: `slotsCacheSeconds` fresh,
 * then served while refreshed in the background; during a Popin outage the last copy is
 * served, marked stale, for up to `slotsStaleIfErrorSeconds`.
 */
export const SlotsCacheSchema = {
  slotsCacheSeconds: z.number().int().min(0).max(300).default(5),
  slotsStaleIfErrorSeconds: z.number().int().min(0).max(86_400).default(900),
};
