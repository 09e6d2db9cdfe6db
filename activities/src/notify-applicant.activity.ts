import { ApplicationFailure } from '@temporalio/common';
import {
  NotifyApplicantInputSchema,
  parseActivityInput,
  type DeliveryReceipt,
  type NotifyApplicantInput,
} from './activity-input';
import type { Attachment, OutboundChannel } from './outbound-channel';
import { renderForApplicant, renderForReceptionCentre } from './render-notification';
import type { EmailMessage } from './smtp-mailer';
import type { SmsMessage } from './sms-gateway';
import {
  TRAVEL_REIMBURSEMENT_FORM_TYPE,
  travelReimbursementForm,
  travelReimbursementFormFileName,
} from './travel-reimbursement-form';

/** A message for the staff of a reception centre to pass on to a resident. */
export interface ReceptionCentreMessage {
  centreName: string;
  dufNumber: string;
  subject: string;
  text: string;
}

/**
 * A letter by post, for an applicant at a private address with neither phone nor e-mail on file, or with no
 * e-mail when a form is to go with the message.
 */
export interface LetterMessage {
  name: string;
  address: string;
  dufNumber: string;
  subject: string;
  text: string;
  /** To be printed and enclosed (the travel-reimbursement form). */
  attachments?: Attachment[];
}

export interface ApplicantChannels {
  receptionCentre: OutboundChannel<ReceptionCentreMessage>;
  sms: OutboundChannel<SmsMessage>;
  email: OutboundChannel<EmailMessage>;
  letter: OutboundChannel<LetterMessage>;
}

/**
 * Tells the applicant something, in the applicant's language, the way the seed says UDI reaches people: through
 * the reception centre's staff, or at a private address by SMS and e-mail (both when both are on file). An
 * invitation that calls for the travel-reimbursement form carries it as a PDF attached to the e-mail; without an
 * e-mail address on file it goes enclosed in a letter, and the SMS (if any) says which way it comes.
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
    const form = await reimbursementFormFor(request);
    const deliveries: Promise<DeliveryReceipt>[] = [];
    if (recipient.phone) {
      // An SMS carries no file: it says how the form comes, by e-mail if there is an address, else by post.
      const brief = renderForApplicant(request, form && (recipient.email ? 'by-email' : 'by-post')).brief;
      deliveries.push(channels.sms.deliver(key, { to: recipient.phone, text: brief }));
    }
    if (recipient.email) {
      const message = renderForApplicant(request, form && 'attached');
      const to = { name: request.fullName, address: recipient.email };
      const email: EmailMessage = {
        to,
        subject: message.subject,
        text: message.text,
        language: message.locale,
      };
      if (form) email.attachments = [form];
      deliveries.push(channels.email.deliver(key, email));
    }
    // A letter when nothing else reaches the applicant, or to carry the form to someone without e-mail.
    if (deliveries.length === 0 || (form && !recipient.email)) {
      const { subject, text } = renderForApplicant(request, form && 'enclosed');
      const letter: LetterMessage = {
        name: request.fullName,
        address: recipient.address,
        dufNumber,
        subject,
        text,
      };
      if (form) letter.attachments = [form];
      deliveries.push(channels.letter.deliver(key, letter));
    }
    return combined(key, await settled(deliveries));
  };
}

/**
 * The travel-reimbursement form, when it goes with this message: the domain asks for it on an invitation to an
 * applicant at a private address (rules version 2). An online interview needs no journey, so it gets no form; a
 * reception centre's staff arrange the journey themselves. The PDF is the same bytes on every attempt.
 */
async function reimbursementFormFor(request: NotifyApplicantInput): Promise<Attachment | undefined> {
  const { facts, recipient } = request;
  if (!facts.attachTravelReimbursementForm || recipient.channel !== 'private') return undefined;
  // Only the invitation's text speaks of the form, and an online interview needs no journey.
  if (request.template !== 'interview-invitation' || facts.interviewLocation === 'online') return undefined;
  const pdf = await travelReimbursementForm({
    fullName: request.fullName,
    dufNumber: request.dufNumber,
    interviewAt: facts.interviewAt,
    interviewLocation: facts.interviewLocation,
    travelFrom: recipient.address,
    hotelNight: facts.hotelNight,
  });
  return {
    filename: travelReimbursementFormFileName(request.dufNumber),
    contentType: TRAVEL_REIMBURSEMENT_FORM_TYPE,
    contentBase64: pdf.toString('base64'),
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
