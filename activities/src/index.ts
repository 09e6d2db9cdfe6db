import { archiveCaseActivity, type ArchiveDependencies } from './archive-case.activity';
import { assignLawyerActivity } from './assign-lawyer.activity';
import { carryOutEffectsActivity } from './carry-out-effects.activity';
import { FileOutbox } from './file-outbox';
import { handCaseToUneActivity } from './hand-case-to-une.activity';
import { forwardOriginalToPoliceActivity, forwardToUneActivity } from './forward.activity';
import { keptAlive } from './keep-alive';
import { notifyApplicantActivity } from './notify-applicant.activity';
import { notifyPoliceActivity } from './notify-police.activity';
import { projectCaseActivity, projectingFirst, type ProjectionWriter } from './project-case.activity';
import { refusingUnencryptedInput } from './refuse-unencrypted';
import type { OutboundChannel } from './outbound-channel';
import { sendDublinRequestActivity } from './send-dublin-request.activity';
import { SignedHttpEndpoint, type SignedEndpointConfig } from './signed-http-endpoint';
export { signedRequestProblem, SIGNATURE_MAX_AGE_SECONDS, type SignedRequest } from './signed-http-endpoint';
import { SmsGateway, type SmsGatewayConfig } from './sms-gateway';
import { SmtpMailer, type MailConfig } from './smtp-mailer';

export type {
  ActivityContext,
  AssignLawyerInput,
  DeliveryReceipt,
  HandCaseToUneInput,
  NotifyApplicantInput,
  NotifyPoliceInput,
  SendDublinRequestInput,
} from './activity-input';
export type { MailConfig, SignedEndpointConfig, SmsGatewayConfig };
/** The Message-ID an e-mail carries, derived from its key: how a receiver tells a resent copy from a new message. */
export { messageIdOf } from './smtp-mailer';
/** A notice's messages composed again from the record, for a notice delivered before the record kept its text. */
export { composeNotice, type ComposedMessage } from './notify-applicant.activity';
export { NotifyApplicantInputSchema } from './activity-input';
export type { ArchiveCaseInput, ArchiveDependencies } from './archive-case.activity';
export {
  EFFECT_ACTIVITIES,
  type CarryOutEffectsInput,
  type EffectActivity,
  type EffectCall,
  type EffectOutcome,
} from './carry-out-effects.activity';
export type {
  ProjectCaseInput,
  ProjectCaseResult,
  ProjectionWriter,
  WithProjection,
} from './project-case.activity';

export type IntegrationPort = 'police' | 'une' | 'dublinUnit' | 'lawyerScheme';

export interface ActivityDependencies {
  /** Root of the embedded default's files: every port's ledger, and the file outbox, live in `outbox/` under it. */
  dataDir: string;
  /** E-mail to applicants at a private address. Unset: `outbox/email/`. */
  mail?: MailConfig;
  /** SMS to applicants at a private address. Unset: `outbox/sms/`. */
  sms?: SmsGatewayConfig;
  /** The archive closed cases are copied to, and the client that reads them from Temporal. */
  archive?: ArchiveDependencies;
  /** Signed JSON POSTs to the partners. Each one unset: `outbox/<port>/`. */
  integrations?: Partial<Record<IntegrationPort, SignedEndpointConfig>>;
  /** The read model the cases' events are written to (issue 17). Unset: none is written, reads ask the workflows. */
  projection?: ProjectionWriter;
}

/**
 * The side effects a case's events call for. Each activity is idempotent on its input's `key`
 * (`${workflowId}:${eventSeq}`): a retry, or a replayed call, returns the first receipt marked duplicate instead
 * of sending again. Whatever is not configured goes to the file outbox, which is what `npm start` uses.
 */
export function createActivities(dependencies: ActivityDependencies) {
  const { dataDir, mail, sms, integrations = {} } = dependencies;
  const integration = (port: IntegrationPort): OutboundChannel<object> => {
    const config = integrations[port];
    return config ? new SignedHttpEndpoint(dataDir, port, config) : new FileOutbox(dataDir, port);
  };
  // An effect's activity may carry its change's events for the projection, written first (`projectingFirst`).
  const effect = <Input extends object, Result>(activity: (input: Input) => Promise<Result>) =>
    keptAlive(projectingFirst(dependencies.projection, activity));
  const effects = {
    notifyApplicant: notifyApplicantActivity({
      // Reception centres have no integration of their own; their messages wait in the outbox.
      receptionCentre: new FileOutbox(dataDir, 'reception-centre'),
      sms: sms ? new SmsGateway(dataDir, sms) : new FileOutbox(dataDir, 'sms'),
      email: mail ? new SmtpMailer(dataDir, mail) : new FileOutbox(dataDir, 'email'),
      letter: new FileOutbox(dataDir, 'letter'),
    }),
    assignLawyer: assignLawyerActivity(integration('lawyerScheme')),
    sendDublinRequest: sendDublinRequestActivity(integration('dublinUnit')),
    handCaseToUne: handCaseToUneActivity(integration('une')),
    notifyPolice: notifyPoliceActivity(integration('police')),
    forwardToUne: forwardToUneActivity(integration('une')),
    forwardOriginalToPolice: forwardOriginalToPoliceActivity(integration('police')),
  };
  return refusingUnencryptedInput({
    notifyApplicant: effect(effects.notifyApplicant),
    assignLawyer: effect(effects.assignLawyer),
    sendDublinRequest: effect(effects.sendDublinRequest),
    handCaseToUne: effect(effects.handCaseToUne),
    notifyPolice: effect(effects.notifyPolice),
    forwardToUne: effect(effects.forwardToUne),
    forwardOriginalToPolice: effect(effects.forwardOriginalToPolice),
    // A change's several effects in one activity (issue 17).
    carryOutEffects: effect(carryOutEffectsActivity(effects)),
    archiveCase: keptAlive(archiveCaseActivity(dependencies.archive)),
    projectCase: projectCaseActivity(dependencies.projection),
  });
}

export type CaseActivities = ReturnType<typeof createActivities>;
export * from './activity-metrics';
