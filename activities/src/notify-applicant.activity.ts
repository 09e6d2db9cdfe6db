import { ApplicationFailure } from '@temporalio/common';
import {
  NotifyApplicantInputSchema,
  parseActivityInput,
  type DeliveryReceipt,
  type NotifyApplicantInput,
} from './activity-input';
import type { Attachment, OutboundChannel } from './outbound-channel';
import type { MessageChannel } from '@saksflyt/domain';
import { LANGUAGE_PACKS, renderForApplicant, renderForReceptionCentre } from './render-notification';
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
 * One message of a notice, composed for its channel: what the applicant (or the reception centre's staff) is told,
 * word for word, and where it goes. The record keeps it as it went out (NoticeDelivered's `messages`).
 */
export interface ComposedMessage {
  channel: MessageChannel;
  /** The phone number, e-mail address, postal address or reception centre. */
  to: string;
  language: NotifyApplicantInput['language'];
  /** An SMS has none. */
  subject?: string;
  text: string;
  /** The names of the files that go with it (the travel-reimbursement form). */
  attachments?: string[];
}

/**
 * The messages of a notice, in the applicant's language, the way the seed says UDI reaches people: through the
 * reception centre's staff, or at a private address by SMS and e-mail (both when both are on file). An invitation
 * that calls for the travel-reimbursement form carries it attached to the e-mail; without an e-mail address on file
 * it goes enclosed in a letter, and the SMS (if any) says which way it comes. Pure: the same input composes the same
 * messages, which is how the API shows the text of a notice delivered before the record kept texts.
 */
export function composeNotice(request: NotifyApplicantInput): ComposedMessage[] {
  const { recipient, language } = request;
  if (recipient.channel === 'reception-centre') {
    const { subject, text } = renderForReceptionCentre(request);
    return [{ channel: 'reception-centre', to: recipient.centreName, language, subject, text }];
  }
  const form = travelReimbursementFormGoesWith(request)
    ? { attachments: [travelReimbursementFormFileName(request.dufNumber)] }
    : undefined;
  const messages: ComposedMessage[] = [];
  if (recipient.phone) {
    // An SMS carries no file: it says how the form comes, by e-mail if there is an address, else by post.
    const { brief } = renderForApplicant(request, form && (recipient.email ? 'by-email' : 'by-post'));
    messages.push({ channel: 'sms', to: recipient.phone, language, text: brief });
  }
  if (recipient.email) {
    const { subject, text } = renderForApplicant(request, form && 'attached');
    messages.push({ channel: 'email', to: recipient.email, language, subject, text, ...form });
  }
  // A letter when nothing else reaches the applicant, or to carry the form to someone without e-mail.
  if (messages.length === 0 || (form && !recipient.email)) {
    const { subject, text } = renderForApplicant(request, form && 'enclosed');
    messages.push({ channel: 'letter', to: recipient.address, language, subject, text, ...form });
  }
  return messages;
}

/**
 * Tells the applicant something: composes the notice's messages and sends each on its channel. The receipt carries
 * the messages as they went out, for the case's record.
 */
export function notifyApplicantActivity(channels: ApplicantChannels) {
  return async function notifyApplicant(input: NotifyApplicantInput): Promise<DeliveryReceipt> {
    const request = parseActivityInput(NotifyApplicantInputSchema, input, 'notifyApplicant');
    const messages = composeNotice(request);
    const form = messages.some((message) => message.attachments)
      ? await travelReimbursementFormOf(request)
      : undefined;
    const sent = await settled(
      messages.map((message) =>
        deliver(channels, request, message, form).then((receipt) => ({
          receipt,
          message: { ...message, sentAt: receipt.deliveredAt },
        })),
      ),
    );
    return {
      ...combined(
        request.key,
        sent.map(({ receipt }) => receipt),
      ),
      messages: sent.map(({ message }) => message),
    };
  };
}

/** A composed message in the shape its channel takes. */
function deliver(
  channels: ApplicantChannels,
  request: NotifyApplicantInput,
  message: ComposedMessage,
  form: Attachment | undefined,
): Promise<DeliveryReceipt> {
  const { key, dufNumber, fullName } = request;
  const subject = message.subject ?? '';
  const attachments = message.attachments && form ? { attachments: [form] } : {};
  switch (message.channel) {
    case 'reception-centre':
      return channels.receptionCentre.deliver(key, {
        centreName: message.to,
        dufNumber,
        subject,
        text: message.text,
      });
    case 'sms':
      return channels.sms.deliver(key, { to: message.to, text: message.text });
    case 'email':
      return channels.email.deliver(key, {
        to: { name: fullName, address: message.to },
        subject,
        text: message.text,
        language: LANGUAGE_PACKS[message.language].locale,
        ...attachments,
      });
    case 'letter':
      return channels.letter.deliver(key, {
        name: fullName,
        address: message.to,
        dufNumber,
        subject,
        text: message.text,
        ...attachments,
      });
  }
}

/**
 * Whether the travel-reimbursement form goes with this message: the domain asks for it on an invitation to an
 * applicant at a private address (rules version 2). An online interview needs no journey, so it gets no form; a
 * reception centre's staff arrange the journey themselves. Only the invitation's text speaks of the form.
 */
function travelReimbursementFormGoesWith(request: NotifyApplicantInput): boolean {
  const { facts, recipient } = request;
  return (
    Boolean(facts.attachTravelReimbursementForm) &&
    recipient.channel === 'private' &&
    request.template === 'interview-invitation' &&
    facts.interviewLocation !== 'online'
  );
}

/** The travel-reimbursement form as a PDF: the same bytes on every attempt. */
async function travelReimbursementFormOf(request: NotifyApplicantInput): Promise<Attachment> {
  const { recipient } = request;
  const pdf = await travelReimbursementForm({
    fullName: request.fullName,
    dufNumber: request.dufNumber,
    interviewAt: request.facts.interviewAt,
    interviewLocation: request.facts.interviewLocation,
    travelFrom: recipient.channel === 'private' ? recipient.address : '',
    hotelNight: request.facts.hotelNight,
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
async function settled<Delivery>(deliveries: Promise<Delivery>[]): Promise<Delivery[]> {
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
