import {
  SendDublinRequestInputSchema,
  parseActivityInput,
  type DeliveryReceipt,
  type SendDublinRequestInput,
} from './activity-input';
import type { OutboundChannel } from './outbound-channel';

/**
 * Hands the take-charge or take-back request to the Dublin unit, which sends it to the responsible state. The
 * reply deadline travels with it: silence by then counts as acceptance (Dublin III Art. 22(7), 25(2)).
 */
export function sendDublinRequestActivity(dublinUnit: OutboundChannel<object>) {
  return async function sendDublinRequest(input: SendDublinRequestInput): Promise<DeliveryReceipt> {
    const { key, dufNumber, responsibleState, procedure, eurodacHit, replyDueAt } = parseActivityInput(
      SendDublinRequestInputSchema,
      input,
      'sendDublinRequest',
    );
    return dublinUnit.deliver(key, {
      kind: 'send-dublin-request',
      key,
      dufNumber,
      responsibleState,
      procedure,
      eurodacHit,
      replyDueAt,
    });
  };
}
