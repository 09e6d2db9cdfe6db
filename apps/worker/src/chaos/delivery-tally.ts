import { messageIdOf } from '@saksflyt/activities';
import { type CaseEvent, type CaseState, type Effect, effectsOf, evolve } from '@saksflyt/domain';
import type { CasePath } from './case-paths';
import type { DeliveryAttempt, DeliveryChannel, RefusedDelivery } from './receivers';

export interface CaseDeliveries {
  workflowId: string;
  dufNumber: string;
  path: CasePath;
  /** The case's events (the `events` query): which effects it called for, under which keys. */
  events: CaseEvent[];
}

export interface DeliveryTally {
  /** Messages the paths call for, one per channel (an applicant's notification is an SMS and an e-mail). */
  expected: number;
  /** Of those, the ones that arrived. */
  delivered: number;
  lost: number;
  /** One message (same channel, recipient and kind) arriving under two or more keys: sent twice for real. */
  duplicates: number;
  /** Messages that arrived but that no path called for. */
  unexpected: number;
  rawAttempts: number;
  /** Attempts that repeated a key already received: the repeats a receiver drops by the key. */
  redeliveriesAbsorbed: number;
  droppedAcknowledgements: number;
  refused: number;
  /** What went wrong, case by case, for the failure message. */
  problems: string[];
}

/** What a receiver calls an effect: a notification by its template, a partner's message by kind and reason. */
function kindOf(effect: Effect): string {
  switch (effect.kind) {
    case 'notify-applicant':
      return effect.template;
    case 'assign-lawyer':
      return `assign-lawyer:${effect.against}`;
    case 'notify-police':
      return `notify-police:${effect.reason}`;
    default:
      return effect.kind;
  }
}

/** The channels an effect goes out on, each with the key a receiver sees; file-outbox channels are not counted. */
function channelsOf(effect: Effect, key: string, mailFrom: string): [DeliveryChannel, string][] {
  switch (effect.kind) {
    case 'notify-applicant': {
      const { recipient } = effect;
      if (recipient.channel !== 'private') return [];
      return [
        ...(recipient.phone ? [['sms', key] as [DeliveryChannel, string]] : []),
        ...(recipient.email ? [['email', messageIdOf(key, mailFrom)] as [DeliveryChannel, string]] : []),
      ];
    }
    case 'assign-lawyer':
      return [['lawyerScheme', key]];
    case 'send-dublin-request':
      return [['dublinUnit', key]];
    case 'hand-case-to-une':
      return [['une', key]];
    case 'notify-police':
    case 'forward-original-to-police':
      return [['police', key]];
    case 'forward-to-une':
      return [['une', key]];
  }
}

/**
 * Every delivery a case's events call for, by what the receiver sees (`<channel> <key or Message-ID>`), folded
 * the way the workflow folds them: each event's effects judged on the state it led to, keyed
 * `<workflowId>:<seq>:<index>`.
 */
function calledFor(
  deliveries: CaseDeliveries,
  mailFrom: string,
): Map<string, { dufNumber: string; channel: DeliveryChannel; kind: string }> {
  const called = new Map<string, { dufNumber: string; channel: DeliveryChannel; kind: string }>();
  let state: CaseState | null = null;
  for (const event of deliveries.events) {
    state = evolve(state, event);
    effectsOf(event, state).forEach((effect, index) => {
      const key = `${deliveries.workflowId}:${event.seq}:${index}`;
      for (const [channel, seen] of channelsOf(effect, key, mailFrom)) {
        called.set(`${channel} ${seen}`, { dufNumber: deliveries.dufNumber, channel, kind: kindOf(effect) });
      }
    });
  }
  return called;
}

const countBy = <T>(items: T[], keyOf: (item: T) => string): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return counts;
};

/**
 * Holds what the receivers counted against what the paths call for. A delivery is told apart from a redelivery by
 * its key (the retry of one message carries the same key); a duplicate is one message under two keys, found by
 * what the receiver itself reads: channel, recipient and kind.
 */
export function tallyDeliveries(
  cases: CaseDeliveries[],
  attempts: DeliveryAttempt[],
  refused: RefusedDelivery[],
  mailFrom: string,
): DeliveryTally {
  const problems: string[] = [];
  const called = new Map(cases.flatMap((deliveries) => [...calledFor(deliveries, mailFrom)]));

  const received = new Map<string, DeliveryAttempt>();
  for (const attempt of attempts) {
    const identity = `${attempt.channel} ${attempt.key}`;
    if (!received.has(identity)) received.set(identity, attempt);
  }

  for (const identity of called.keys()) {
    if (!received.has(identity))
      problems.push(`called for by the case's events, never received: ${identity}`);
  }

  // Each distinct delivery, placed in its case by the events that called for it.
  const placed: { dufNumber: string; channel: DeliveryChannel; kind: string }[] = [];
  let unexpected = 0;
  for (const identity of received.keys()) {
    const effect = called.get(identity);
    if (effect) placed.push(effect);
    else {
      unexpected += 1;
      problems.push(`received, but no event of any case calls for it: ${identity}`);
    }
  }
  const placedCounts = countBy(placed, (p) => `${p.dufNumber} ${p.channel} ${p.kind}`);

  let expected = 0;
  let delivered = 0;
  for (const deliveries of cases) {
    const wanted = countBy(
      deliveries.path.expectedDeliveries,
      (e) => `${deliveries.dufNumber} ${e.channel} ${e.kind}`,
    );
    for (const [slot, count] of wanted) {
      const arrived = placedCounts.get(slot) ?? 0;
      expected += count;
      delivered += Math.min(count, arrived);
      if (arrived < count) problems.push(`lost: ${slot} (${arrived} of ${count})`);
      placedCounts.delete(slot);
    }
  }
  // Whatever is left arrived for a (case, channel, kind) its path does not call for at all.
  for (const [slot, count] of placedCounts) {
    unexpected += count;
    problems.push(`not on the case's path: ${slot} (${count})`);
  }

  let duplicates = 0;
  const keysPerMessage = new Map<string, Set<string>>();
  for (const attempt of received.values()) {
    const message = `${attempt.channel} to ${attempt.recipient}: ${attempt.kind}`;
    const keys = keysPerMessage.get(message) ?? new Set<string>();
    keys.add(attempt.key);
    keysPerMessage.set(message, keys);
  }
  for (const [message, keys] of keysPerMessage) {
    if (keys.size > 1) {
      duplicates += keys.size - 1;
      problems.push(`duplicate: ${message} under ${keys.size} keys`);
    }
  }

  for (const refusal of refused)
    problems.push(`refused by the ${refusal.channel} receiver: ${refusal.reason}`);

  return {
    expected,
    delivered,
    lost: expected - delivered,
    duplicates,
    unexpected,
    rawAttempts: attempts.length,
    redeliveriesAbsorbed: attempts.length - received.size,
    droppedAcknowledgements: attempts.filter((attempt) => attempt.acknowledgementDropped).length,
    refused: refused.length,
    problems,
  };
}
