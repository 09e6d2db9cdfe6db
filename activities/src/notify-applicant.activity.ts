import { ApplicationFailure } from '@temporalio/common';
import {
  NotifyApplicantInputSchema,
  parseActivityInput,
  type DeliveryReceipt,
  type NotifyApplicantInput,
} from './activity-input';
import type { OutboundChannel } from './outbound-channel';
import { renderForApplicant, renderForReceptionCentre } from './render-notification';
import type { EmailMessage } from './smtp-mailer';
import type { SmsMessage } from './sms-gateway';

/** A message for the staff of a reception centre to pass on to a resident. */
export interface ReceptionCentreMessage {
  centreName: string;
  dufNumber: string;
  subject: string;
  text: string;
}

/** A letter by post, for an applicant at a private address with neither phone nor e-mail on file. */
export interface LetterMessage {
  name: string;
  address: string;
  dufNumber: string;
  subject: string;
  text: string;
}

export interface ApplicantChannels {
  receptionCentre: OutboundChannel<ReceptionCentreMessage>;
  sms: OutboundChannel<SmsMessage>;
  email: OutboundChannel<EmailMessage>;
  letter: OutboundChannel<LetterMessage>;
}

/**
 * Tells the applicant something, in the applicant's language, the way the seed says UDI reaches people: through
 * the reception centre's staff, or at a private address by SMS and e-mail (both when both are on file).
 */
export function notifyApplicantActivity(channels: ApplicantChannels) {
  return async function notifyApplicant(input: NotifyApplicantInput): Promise<DeliveryReceipt> {
    const request = parseActivityInput(NotifyApplicantInputSchema, input, 'notifyApplicant');
    const { key, dufNumber, recipient } = request;
    if (recipient.channel === 'reception-centre') {
      const { subject, text } = renderForReceptionCentre(request);
      return channels.receptionCentre.deliver(key, {
        centreName: recipient.centreName,
        dufNumber,
        subject,
        text,
      });
    }
    const message = renderForApplicant(request);
    const deliveries: Promise<DeliveryReceipt>[] = [];
    if (recipient.phone)
      deliveries.push(channels.sms.deliver(key, { to: recipient.phone, text: message.brief }));
    if (recipient.email) {
      const to = { name: request.fullName, address: recipient.email };
      const email = { to, subject: message.subject, text: message.text, language: message.locale };
      deliveries.push(channels.email.deliver(key, email));
    }
    if (deliveries.length === 0) {
      const { subject, text } = message;
      const letter = { name: request.fullName, address: recipient.address, dufNumber, subject, text };
      deliveries.push(channels.letter.deliver(key, letter));
    }
    return combined(key, await settled(deliveries));
  };
}

/**
 * Each channel keeps its own ledger, so one failing does not stop the other, and the retry re-sends only what
 * failed. A transient failure is thrown in preference to a permanent one: the retry may still get that channel
 * through, and a permanent failure will show itself again on the next attempt.
 */
async function settled(deliveries: Promise<DeliveryReceipt>[]): Promise<DeliveryReceipt[]> {
  const outcomes = await Promise.allSettled(deliveries);
  const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
  if (failures.length > 0) {
    throw (
      failures.find((failure) => !(failure instanceof ApplicationFailure && failure.nonRetryable)) ??
      failures[0]
    );
  }
  return outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
}

function combined(key: string, receipts: DeliveryReceipt[]): DeliveryReceipt {
  return {
    key,
    channel: receipts.map((receipt) => receipt.channel).join('+'),
    deliveredAt: receipts.map((receipt) => receipt.deliveredAt).reduce((a, b) => (a > b ? a : b)),
    duplicate: receipts.every((receipt) => receipt.duplicate),
  };
}
