import {
  AssignLawyerInputSchema,
  parseActivityInput,
  type AssignLawyerInput,
  type DeliveryReceipt,
} from './activity-input';
import type { OutboundChannel } from './outbound-channel';

/**
 * Asks the lawyer scheme for a lawyer after a rejection or a Dublin transfer decision: free legal aid without a
 * means test (utl. § 92), and the lawyer is who explains the decision and helps with the appeal (the seed).
 */
export function assignLawyerActivity(lawyerScheme: OutboundChannel<object>) {
  return async function assignLawyer(input: AssignLawyerInput): Promise<DeliveryReceipt> {
    const { key, dufNumber, against, decision } = parseActivityInput(
      AssignLawyerInputSchema,
      input,
      'assignLawyer',
    );
    return lawyerScheme.deliver(key, { kind: 'assign-lawyer', key, dufNumber, against, decision });
  };
}
