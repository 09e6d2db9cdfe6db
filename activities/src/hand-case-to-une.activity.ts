import {
  HandCaseToUneInputSchema,
  parseActivityInput,
  type DeliveryReceipt,
  type HandCaseToUneInput,
} from './activity-input';
import type { OutboundChannel } from './outbound-channel';

/**
 * Forwards the case to the Immigration Appeals Board when UDI upholds its decision on appeal (fvl. § 33). From
 * then on UNE owns the case, so it gets the whole file: the application, the decision, the appeal and the events.
 */
export function handCaseToUneActivity(une: OutboundChannel<object>) {
  return async function handCaseToUne(input: HandCaseToUneInput): Promise<DeliveryReceipt> {
    const { key, dufNumber, casePackage } = parseActivityInput(
      HandCaseToUneInputSchema,
      input,
      'handCaseToUne',
    );
    return une.deliver(key, { kind: 'hand-case-to-une', key, dufNumber, casePackage });
  };
}
