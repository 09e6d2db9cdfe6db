// Loaded by path into the workflow sandbox (bundled with the workflow code) as well as into Node: no Node APIs here.
import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Failure messages and stack traces can quote what a case holds, so they go into the encoded attributes, which
 * the payload codec encrypts; the history shows only "Encoded failure".
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
