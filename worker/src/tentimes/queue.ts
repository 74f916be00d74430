import { readConfig } from '../config';
import { resolveSite } from '../sites/store';
import type { Bindings } from '../env';
import { registerAttendee, registrationForm } from './client';
import { outboxFor, type Claim, type OutboxMessage, type Settlement } from './outbox';

/**
 * The consumers of the 10times queue and its dead-letter queue (wrangler.jsonc "queues").
 * Every batch asks each site's outbox first (one claim for all of that site's messages), so a
 * duplicate delivery of a registration that is done (or being sent) never reaches 10times again;
 * the outcomes are recorded in one settle per site. Log lines carry the site and the key,
 * never the customer's details or the 10times key.
 */

export const TENTIMES_QUEUE = 'popin-booking-tentimes';
export const TENTIMES_DEAD_LETTER_QUEUE = 'popin-booking-tentimes-dead';

/** 30 s, 60 s, 2 min, … doubling per attempt, capped (an hour by default). */
export function retryDelaySeconds(attempts: number, baseSeconds: number, maxSeconds: number): number {
  return Math.min(maxSeconds, baseSeconds * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
}

const isMessage = (body: unknown): body is OutboxMessage =>
  typeof body === 'object' && body !== null && typeof (body as OutboxMessage).site === 'string' && typeof (body as OutboxMessage).key === 'string' && typeof (body as OutboxMessage).id === 'string';

export async function handleTentimesBatch(batch: MessageBatch<unknown>, env: Bindings): Promise<void> {
  const dead = batch.queue === TENTIMES_DEAD_LETTER_QUEUE;
  // One claim and one settle per site present in the batch, not per message (issue #15).
  const bySite = new Map<string, Array<Message<OutboxMessage>>>();
  for (const message of batch.messages) {
    if (!isMessage(message.body)) {
      console.error(`10times queue=${batch.queue}: dropped a message that is not { site, key, id } (id ${message.id})`);
      message.ack();
      continue;
    }
    const group = bySite.get(message.body.site) ?? [];
    group.push(message as Message<OutboxMessage>);
    bySite.set(message.body.site, group);
  }
  await Promise.all(
    [...bySite].map(async ([site, messages]) => {
      const decided = new Set<Message<OutboxMessage>>();
      try {
        if (dead) await recordDeadLetters(site, messages, env);
        else await deliverSite(site, messages, decided, env);
      } catch (error) {
        // Our own failure (the outbox unreachable, a bad config): the queue tries again later.
        console.error(`10times queue=${batch.queue} site=${site}: ${error instanceof Error ? `${error.name}: ${error.message}` : 'failed'}`);
        for (const message of messages) if (!decided.has(message)) message.retry({ delaySeconds: 30 });
      }
    }),
  );
}

type Send = { message: Message<OutboxMessage>; claim: Extract<Claim, { action: 'send' }> };
type Verdict = { message: Message<OutboxMessage>; settlement: Settlement; retryIn?: number; log: string };

/** One site's messages of a batch: one claim, the 10times calls side by side, one settle. */
async function deliverSite(siteId: string, messages: Array<Message<OutboxMessage>>, decided: Set<Message<OutboxMessage>>, env: Bindings): Promise<void> {
  const config = readConfig(env);
  const settings = config.tentimes;
  const log = (message: Message<OutboxMessage>, what: string) => console.log(`10times site=${siteId} key=${message.body.key} attempt=${message.attempts}: ${what}`);
  const decide = (message: Message<OutboxMessage>, how: 'ack' | number) => {
    decided.add(message);
    if (how === 'ack') message.ack();
    else message.retry({ delaySeconds: how });
  };

  const claims = await outboxFor(env, siteId).claimBatch(messages.map(({ body: { key, id } }) => ({ key, id })));
  const sends: Send[] = [];
  messages.forEach((message, i) => {
    const claim = claims[i];
    if (!claim) throw new Error('the outbox answered fewer claims than messages');
    if (claim.action === 'skip') {
      log(message, `nothing to send (${claim.status})`);
      decide(message, 'ack');
    } else if (claim.action === 'wait') {
      decide(message, claim.seconds);
    } else {
      sends.push({ message, claim });
    }
  });
  if (!sends.length) return;

  // SITES first, then the console's site directory.
  const site = (await resolveSite(env, config, siteId))?.site;
  const tentimes = site?.tentimes;
  const giveUp = (message: Message<OutboxMessage>, reason: string): Verdict => ({ message, settlement: { outcome: 'dead', reason }, log: `dead-lettered: ${reason}` });
  // Side by side: every claim's lease (90 s) outlasts one 10times call (at most 60 s), not ten in a row.
  const verdicts = await Promise.all(
    sends.map(async ({ message, claim }): Promise<Verdict> => {
      if (!site || !tentimes) return giveUp(message, 'the site no longer has the 10times option');
      const form = registrationForm(tentimes, claim.attendee, {
        orderNo: `popin-${siteId}-${claim.userId}-${claim.eventId}`,
        datePurchased: localDateTime(claim.createdAt, site.timezone),
      });
      const result = await registerAttendee(settings, form);
      switch (result.kind) {
        case 'registered':
          return { message, settlement: { outcome: 'done', floorLink: result.floorLink }, log: 'registered' };
        case 'rejected':
          return giveUp(message, `10times refused it (status 0): ${result.message}`);
        case 'unavailable': {
          // The outbox counts every attempt, also those of an earlier message the queue let expire.
          const attempts = Math.max(message.attempts, claim.attempts);
          if (attempts >= settings.maxAttempts) return giveUp(message, `10times gave no usable answer in ${attempts} attempts; last: ${result.detail}`);
          const retryIn = retryDelaySeconds(attempts, settings.retryBaseSeconds, settings.maxRetryDelaySeconds);
          return { message, settlement: { outcome: 'retry', detail: `attempt ${attempts}: ${result.detail}` }, retryIn, log: `10times unavailable (${result.detail}); retry in ${retryIn} s` };
        }
      }
    }),
  );

  await settleBatch(env, siteId, verdicts.map(({ message: { body: { key, id } }, settlement }) => ({ key, id, settlement })));
  const dying = verdicts.filter(({ settlement }) => settlement.outcome === 'dead');
  if (dying.length) {
    await env.TENTIMES_DEAD_LETTERS.sendBatch(
      dying.map(({ message: { body: { key, id } }, settlement }) => ({ body: { site: siteId, key, id, reason: settlement.outcome === 'dead' ? settlement.reason : '' } satisfies OutboxMessage, contentType: 'json' as const })),
    );
  }
  for (const verdict of verdicts) {
    log(verdict.message, verdict.log);
    decide(verdict.message, verdict.retryIn ?? 'ack');
  }
}

/**
 * Settles a batch in one call. The object may have restarted since the claim (a deploy, an
 * eviction): its storage kept the claims, so the settle is sent once more through a new stub
 * rather than letting the queue re-send what 10times already registered.
 */
async function settleBatch(env: Bindings, siteId: string, settlements: Array<{ key: string; id: string; settlement: Settlement }>): Promise<void> {
  try {
    await outboxFor(env, siteId).settleBatch(settlements);
  } catch (error) {
    console.warn(`10times site=${siteId}: settle failed once (${error instanceof Error ? error.message : 'unknown'}); trying again`);
    await outboxFor(env, siteId).settleBatch(settlements);
  }
}

/** The platform gave up on messages (max_retries), or we sent them here ourselves: make sure the outbox says dead. */
async function recordDeadLetters(siteId: string, messages: Array<Message<OutboxMessage>>, env: Bindings): Promise<void> {
  const reasons = messages.map(({ body, attempts }) => body.reason ?? `the queue gave up after its retries (delivery ${attempts} of the dead letter)`);
  await settleBatch(env, siteId, messages.map(({ body: { key, id } }, i) => ({ key, id, settlement: { outcome: 'dead', reason: reasons[i]! } })));
  messages.forEach(({ body }, i) => {
    console.error(`10times site=${siteId} key=${body.key}: dead letter: ${reasons[i]}`);
  });
  for (const message of messages) message.ack();
}

/** "YYYY-MM-DD HH:MM:SS" in the site's zone, the document's datePurchased format. */
function localDateTime(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  }).format(new Date(ms));
}
