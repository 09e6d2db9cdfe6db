import {
  NotifyPoliceInputSchema,
  parseActivityInput,
  type DeliveryReceipt,
  type NotifyPoliceInput,
} from './activity-input';
import type { OutboundChannel } from './outbound-channel';

/**
 * Tells the police a case needs them: the departure deadline passed with no departure reported (the police carry
 * out removals), or a Dublin transfer is due (they escort it to the responsible state).
 */
export function notifyPoliceActivity(police: OutboundChannel<object>) {
  return async function notifyPolice(input: NotifyPoliceInput): Promise<DeliveryReceipt> {
    const { key, dufNumber, reason, responsibleState, dueAt } = parseActivityInput(
      NotifyPoliceInputSchema,
      input,
      'notifyPolice',
    );
    return police.deliver(key, { kind: 'notify-police', key, dufNumber, reason, responsibleState, dueAt });
  };
}
