import { TEST_ENCRYPTION_KEYS } from '@saksflyt/testing';
import { workerEnvironment } from '../__fixtures__/supervised-worker';
import type { ChaosReceivers } from './receivers';

export interface ChaosWorkerTarget {
  temporalAddress: string;
  dataDir: string;
  workflowBundle: string;
  receivers: ChaosReceivers;
  secrets: Record<'police' | 'une' | 'dublinUnit' | 'lawyerScheme', string>;
  smsToken: string;
  mailFrom: string;
  /** The case projection the worker writes (issue 17), as `npm start` gives it: SAKSFLYT_PROJECTION_URL. */
  projectionUrl: string;
}

/**
 * The chaos run's worker: the accelerated profile, the prebuilt bundle, every integration at its receiver, and the
 * projection store the run checks each case's read model in.
 */
export function chaosWorkerEnvironment(target: ChaosWorkerTarget): NodeJS.ProcessEnv {
  const { urls } = target.receivers;
  return workerEnvironment({
    TEMPORAL_ADDRESS: target.temporalAddress,
    SAKSFLYT_DATA_DIR: target.dataDir,
    SAKSFLYT_WORKFLOW_BUNDLE: target.workflowBundle,
    SAKSFLYT_POLICY_PROFILE: 'accelerated',
    SAKSFLYT_WORKER_LOG_LEVEL: 'WARN',
    SAKSFLYT_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
    SAKSFLYT_SMTP_URL: target.receivers.smtpUrl,
    SAKSFLYT_MAIL_FROM: target.mailFrom,
    SAKSFLYT_SMS_GATEWAY_URL: urls.sms,
    SAKSFLYT_SMS_TOKEN: target.smsToken,
    SAKSFLYT_POLICE_URL: urls.police,
    SAKSFLYT_POLICE_SECRET: target.secrets.police,
    SAKSFLYT_UNE_URL: urls.une,
    SAKSFLYT_UNE_SECRET: target.secrets.une,
    SAKSFLYT_DUBLIN_UNIT_URL: urls.dublinUnit,
    SAKSFLYT_DUBLIN_UNIT_SECRET: target.secrets.dublinUnit,
    SAKSFLYT_LAWYER_SCHEME_URL: urls.lawyerScheme,
    SAKSFLYT_LAWYER_SCHEME_SECRET: target.secrets.lawyerScheme,
    SAKSFLYT_PROJECTION_URL: target.projectionUrl,
  });
}
