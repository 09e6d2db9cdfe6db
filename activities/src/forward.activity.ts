import {
  ForwardOriginalToPoliceInputSchema,
  ForwardToUneInputSchema,
  parseActivityInput,
  type DeliveryReceipt,
  type ForwardOriginalToPoliceInput,
  type ForwardToUneInput,
} from './activity-input';
import type { OutboundChannel } from './outbound-channel';

/**
 * Once the case is with the Immigration Appeals Board, UNE is responsible for it (the seed: "you must contact UNE
 * if you have new documents or information"): what still reaches UDI (a document, new contact details, word that
 * the applicant left) is sent on to UNE.
 */
export function forwardToUneActivity(une: OutboundChannel<object>) {
  return async function forwardToUne(input: ForwardToUneInput): Promise<DeliveryReceipt> {
    const { key, dufNumber, subject, description } = parseActivityInput(
      ForwardToUneInputSchema,
      input,
      'forwardToUne',
    );
    return une.deliver(key, { kind: 'forward-to-une', key, dufNumber, subject, description });
  };
}

/** The seed: "Do not send originals to UDI". An original that comes anyway goes on to the police, who keep them. */
export function forwardOriginalToPoliceActivity(police: OutboundChannel<object>) {
  return async function forwardOriginalToPolice(
    input: ForwardOriginalToPoliceInput,
  ): Promise<DeliveryReceipt> {
    const { key, dufNumber, description } = parseActivityInput(
      ForwardOriginalToPoliceInputSchema,
      input,
      'forwardOriginalToPolice',
    );
    return police.deliver(key, { kind: 'forward-original-to-police', key, dufNumber, description });
  };
}
