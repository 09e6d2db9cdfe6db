import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DeliveryReceipt } from './activity-input';

/**
 * Keys name files, so they are kept to characters safe in any file name (':' becomes '~', which a key may not
 * contain, so the mapping is one-to-one), may not start with a dot, and stay well under a file name's 255 bytes.
 */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_:-][A-Za-z0-9_.:-]{0,199}$/;

/** One delivery as the ledger keeps it: the receipt's facts, plus whatever the port wants to keep with it. */
export interface DeliveryRecord {
  key: string;
  channel: string;
  deliveredAt: string;
  /** Whom the receiver named in its answer (the lawyer scheme: the lawyer), returned with every receipt. */
  reference?: string;
  [detail: string]: unknown;
}

/** The receipt a record gives: the same facts whether it was just written or found from an earlier attempt. */
function receiptOf(record: DeliveryRecord, duplicate: boolean): DeliveryReceipt {
  const { key, channel, deliveredAt, reference } = record;
  return { key, channel, deliveredAt, duplicate, ...(typeof reference === 'string' ? { reference } : {}) };
}

/**
 * The record of what one outbound port has delivered: one JSON file per idempotency key under
 * `<dataDir>/outbox/<port>/`. Temporal retries an activity after a timeout or a worker crash, so "did this key
 * already go out?" must survive the worker; a file per key answers it without a database and lets an operator
 * see (and, to resend, delete) each delivery.
 */
export class DeliveryLedger {
  readonly directory: string;

  constructor(
    dataDir: string,
    readonly port: string,
  ) {
    this.directory = path.join(dataDir, 'outbox', port);
  }

  fileOf(key: string): string {
    // The activities validate keys first; this guard keeps any other caller from writing outside the outbox.
    if (!IDEMPOTENCY_KEY.test(key)) throw new TypeError(`not an idempotency key: ${JSON.stringify(key)}`);
    return path.join(this.directory, `${key.replaceAll(':', '~')}.json`);
  }

  async find(key: string): Promise<DeliveryReceipt | undefined> {
    let text: string;
    try {
      text = await readFile(this.fileOf(key), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    return receiptOf({ ...(JSON.parse(text) as DeliveryRecord), key }, true);
  }

  /**
   * Adds the record unless the key is already there, in which case the earlier record wins and the receipt says
   * duplicate. The record is written whole to a temporary file and then hard-linked into place: `link` fails when
   * the name exists, so two racing attempts cannot both win, and a crash never leaves half a record behind.
   */
  async add(record: DeliveryRecord): Promise<DeliveryReceipt> {
    // The outbox holds personal data: the port's folder and each record are the owner's alone.
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    const target = this.fileOf(record.key);
    // A leading dot keeps half-written files out of the way of anyone listing the outbox.
    const temporary = path.join(this.directory, `.${randomUUID()}.tmp`);
    await writeFile(temporary, `${JSON.stringify(record, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
    try {
      await link(temporary, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const earlier = await this.find(record.key);
      if (earlier) return earlier;
      throw error;
    } finally {
      await unlink(temporary);
    }
    return receiptOf(record, false);
  }
}
