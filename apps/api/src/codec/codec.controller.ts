import {
  BadRequestException,
  Body,
  Controller,
  ForbiddenException,
  Headers,
  HttpCode,
  Inject,
  Logger,
  Post,
} from '@nestjs/common';
import type { Payload } from '@temporalio/common';
import { z } from 'zod';
import { EncryptionCodec, type KeyRing, type Settings } from '@saksflyt/temporal';
import { CodecSessionCookie, Roles } from '../auth/access';
import { CODEC_PATH } from '../auth/session-cookie';
import { parseOr400 } from '../http/validation';
import { KEY_RING, SETTINGS } from '../temporal-client.provider';

const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');

/** A payload in proto3 JSON, as the Temporal Web UI and `temporal --codec-endpoint` send it. */
export const PayloadJson = z.object({
  metadata: z.record(z.string().max(256), Base64).optional(),
  data: Base64.optional(),
});
export const CodecRequest = z.object({ payloads: z.array(PayloadJson).max(10_000) });
type PayloadJson = z.infer<typeof PayloadJson>;

const fromJson = (payload: PayloadJson): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64')]),
  ),
  data: Buffer.from(payload.data ?? '', 'base64'),
});

const toJson = (payload: Payload): PayloadJson => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([key, value]) => [
      key,
      Buffer.from(value).toString('base64'),
    ]),
  ),
  data: Buffer.from(payload.data ?? []).toString('base64'),
});

/**
 * Temporal's remote codec protocol over the API's key ring, so the Web UI and the CLI show decoded payloads to
 * whoever may see cases. Decoding is reading a case (every role); encoding makes payloads a workflow would accept,
 * which auditors never may.
 */
@Controller(CODEC_PATH.slice(1))
export class CodecController {
  private readonly codec: EncryptionCodec;
  private readonly logger = new Logger('codec');

  constructor(
    @Inject(KEY_RING) keys: KeyRing,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {
    // The endpoint shows what Temporal holds, as it is: a payload that arrived unencrypted (an old history's, or one
    // sent past the codec, which the worker refused) is shown, never trusted, so the Web UI can tell what was sent.
    this.codec = new EncryptionCodec(keys, { reader: 'client', plaintext: 'accept' });
  }

  @CodecSessionCookie()
  @Post('decode')
  @HttpCode(200)
  async decode(@Body() body: unknown, @Headers('x-namespace') namespace?: string) {
    this.checkNamespace(namespace);
    const { payloads } = parseOr400(CodecRequest, body, 'codec request');
    try {
      return { payloads: (await this.codec.decode(payloads.map(fromJson))).map(toJson) };
    } catch (error) {
      // The codec's own message names the key ids of the ring: for the operator's log, not for the caller.
      this.logger.warn(`cannot decode: ${error instanceof Error ? error.message : String(error)}`);
      throw new BadRequestException({
        error: 'ValidationError',
        message:
          'cannot decode: a payload is truncated, was altered, or is encrypted with a key this codec does not hold',
      });
    }
  }

  @CodecSessionCookie()
  @Roles('caseworker', 'admin')
  @Post('encode')
  @HttpCode(200)
  async encode(@Body() body: unknown, @Headers('x-namespace') namespace?: string) {
    this.checkNamespace(namespace);
    const { payloads } = parseOr400(CodecRequest, body, 'codec request');
    return { payloads: (await this.codec.encode(payloads.map(fromJson))).map(toJson) };
  }

  /** The key ring belongs to this deployment's namespace; a Web UI showing another must not use it. */
  private checkNamespace(namespace: string | undefined) {
    if (namespace !== undefined && namespace !== this.settings.temporal.namespace) {
      throw new ForbiddenException({
        error: 'Forbidden',
        message: `this codec serves namespace ${this.settings.temporal.namespace}, not ${namespace}`,
      });
    }
  }
}
