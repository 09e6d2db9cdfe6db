import { Body, ConflictException, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApplicationFailure, type Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { z } from 'zod';
import {
  CaseSource,
  currentPolicy,
  openCasesImpact,
  policyListing,
  PolicyRegistry,
  publishWithReview,
} from '@saksflyt/audit';
import {
  CaseStatus,
  DufNumber,
  POLICY_PROFILES,
  PolicyDraft,
  PolicyEffect,
  type PolicyListing,
  type PolicyVersion,
  type PublishedPolicyVersion,
} from '@saksflyt/domain';
import type { Settings } from '@saksflyt/temporal';
import { Roles, type AuthenticatedRequest } from '../auth/access';
import { parseOr400, validationFailure } from '../http/validation';
import { CASE_SOURCE, SETTINGS, TEMPORAL_CLIENT } from '../temporal-client.provider';

/** The listing's schema is the domain's (one for the API, the CLI and the admin UI); the OpenAPI document names it. */
export { PolicyListing } from '@saksflyt/domain';

export const PolicyImpactReport = z.object({
  cases: z.array(z.object({ dufNumber: DufNumber, status: CaseStatus, effects: z.array(PolicyEffect) })),
});
export type PolicyImpactReport = z.infer<typeof PolicyImpactReport>;

/**
 * The policy versions (contract §4): the built-in ones and those published at runtime to the registry, the impact of
 * a draft before it is published (every role), and publishing (admins).
 */
@Controller('api/policy')
export class PolicyController {
  private readonly registry: PolicyRegistry;

  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(CASE_SOURCE) private readonly source: CaseSource,
    @Inject(TEMPORAL_CLIENT) client: Client,
  ) {
    this.registry = new PolicyRegistry(client, { taskQueue: settings.temporal.taskQueue });
  }

  private get builtIn(): readonly PolicyVersion[] {
    return POLICY_PROFILES[this.settings.policyProfile];
  }

  @Get()
  versions(): Promise<PolicyListing> {
    return policyListing(this.registry, this.builtIn);
  }

  /** Every open case the draft would treat differently, and how: each case's own history judged again. */
  @Post('impact')
  @HttpCode(200)
  async impact(@Body() body: unknown): Promise<PolicyImpactReport> {
    const draft = parseOr400(PolicyDraft, body, 'PolicyDraft');
    const { versions } = await currentPolicy(this.registry, this.builtIn);
    const cases = await openCasesImpact(this.source, draft, {
      now: new Date().toISOString(),
      policy: versions,
    });
    return { cases };
  }

  /**
   * Publishes a version: its impact is found first, and the cases it touches are listed with it for review. The
   * registry refuses a version in the past (400) or on a date or under a name another has (409); nothing changes.
   */
  @Post('versions')
  @Roles('admin')
  @HttpCode(201)
  async publish(
    @Body() body: unknown,
    @Req() request: AuthenticatedRequest,
  ): Promise<PublishedPolicyVersion> {
    const draft = parseOr400(PolicyDraft, body, 'PolicyDraft');
    try {
      return await publishWithReview(
        { registry: this.registry, source: this.source, builtIn: this.builtIn },
        draft,
        request.user.username,
      );
    } catch (error) {
      throw refusalOf(error);
    }
  }
}

/** The registry's refusal as the HTTP answer it is: a field's issue is a 400, a date or name taken a 409. */
function refusalOf(error: unknown): unknown {
  if (!(error instanceof WorkflowUpdateFailedError) || !(error.cause instanceof ApplicationFailure))
    return error;
  const { type, message, details } = error.cause;
  const detail = (details?.[0] ?? {}) as { issues?: []; code?: string; params?: object };
  if (type === 'ValidationError') return validationFailure(message, detail.issues ?? []);
  if (type === 'Conflict')
    return new ConflictException({ error: 'Conflict', message, code: detail.code, params: detail.params });
  return error;
}
