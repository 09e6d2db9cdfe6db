import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { z } from 'zod';
import { CaseSource, openCasesImpact } from '@saksflyt/audit';
import {
  CaseStatus,
  DufNumber,
  IsoDate,
  Oblast,
  osloCalendarDate,
  POLICY_PROFILES,
  PolicyDraft,
  PolicyEffect,
  policyInForce,
  type PolicyVersion,
} from '@saksflyt/domain';
import type { Settings } from '@saksflyt/temporal';
import { parseOr400 } from '../http/validation';
import { CASE_SOURCE, SETTINGS } from '../temporal-client.provider';

/** A version as contract §4 lists it, with the departure default that issue 16 makes data. */
export const PolicyVersionListed = z.object({
  version: z.string(),
  validFrom: IsoDate,
  source: z.string(),
  internalProtectionSafeOblasts: z.array(Oblast),
  collectiveProtectionExcludedOblasts: z.array(Oblast),
  defaultDepartureDeadlineDays: z.number().int(),
  publishedAt: z.null().meta({
    description: 'When the version was published; null for the versions built into the code',
  }),
  publishedBy: z.null().meta({
    description: 'Who published the version; null for the versions built into the code',
  }),
});

export const PolicyListing = z.object({
  inForce: z
    .string()
    .meta({ description: "The version in force today (Oslo date): one of `versions`' names" }),
  versions: z.array(PolicyVersionListed).meta({ description: 'Every version, oldest first' }),
});
export type PolicyListing = z.infer<typeof PolicyListing>;

export const PolicyImpactReport = z.object({
  cases: z.array(z.object({ dufNumber: DufNumber, status: CaseStatus, effects: z.array(PolicyEffect) })),
});
export type PolicyImpactReport = z.infer<typeof PolicyImpactReport>;

const listed = (version: PolicyVersion): z.infer<typeof PolicyVersionListed> => ({
  version: version.version,
  validFrom: version.validFrom,
  source: version.source,
  internalProtectionSafeOblasts: [...version.internalProtectionSafeOblasts],
  collectiveProtectionExcludedOblasts: [...version.collectiveProtectionExcludedOblasts],
  defaultDepartureDeadlineDays: version.defaultDepartureDeadlineDays,
  // The versions are code until the registry (issue 16's next part): no one published them at runtime.
  publishedAt: null,
  publishedBy: null,
});

/**
 * The policy versions (contract §4) and the impact of a draft before it is published; every role reads both. The
 * versions are the profile's, in code, until versions become data (issue 16's next part).
 */
@Controller('api/policy')
export class PolicyController {
  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(CASE_SOURCE) private readonly source: CaseSource,
  ) {}

  private get policy(): readonly PolicyVersion[] {
    return POLICY_PROFILES[this.settings.policyProfile];
  }

  @Get()
  versions(): PolicyListing {
    return {
      inForce: policyInForce(osloCalendarDate(new Date().toISOString()), this.policy).version,
      versions: this.policy.map(listed),
    };
  }

  /** Every open case the draft would treat differently, and how: each case's own history judged again. */
  @Post('impact')
  @HttpCode(200)
  async impact(@Body() body: unknown): Promise<PolicyImpactReport> {
    const draft = parseOr400(PolicyDraft, body, 'PolicyDraft');
    const cases = await openCasesImpact(this.source, draft, {
      now: new Date().toISOString(),
      policy: this.policy,
    });
    return { cases };
  }
}
