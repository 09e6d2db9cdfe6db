// The provision a decision rests on, as the PDF case file cites it. Citations are the Norwegian statutes' own
// abbreviations (utl. = utlendingsloven, utlf. = utlendingsforskriften, fvl. = forvaltningsloven), the same in both
// languages of the case file; the sections are those of the domain brief (docs/domain-brief.md).

interface DecisionDetails {
  outcome?: unknown;
  eligible?: unknown;
  accepted?: unknown;
  reversed?: unknown;
  status?: unknown;
  exemption?: unknown;
}

/** The legal basis of a decision event, or undefined for an event that is no decision of law. */
export function legalBasisOf(type: string, details: DecisionDetails): string | undefined {
  switch (type) {
    case 'CollectiveProtectionAssessed':
      // Collective protection in a mass-flight situation; one not eligible is assessed individually.
      return 'utl. § 34';
    case 'DecisionMade':
      return {
        'granted-refugee': 'utl. § 28 første ledd bokstav a',
        'granted-subsidiary': 'utl. § 28 første ledd bokstav b',
        rejected: 'utl. § 28 (vilkårene er ikke oppfylt)',
        'not-examined-safe-third-country': 'utl. § 32 første ledd bokstav a/d',
      }[String(details.outcome)];
    case 'DublinReplyRecorded':
      // An accepted request (or silence, which is acceptance) is the transfer decision.
      return 'utl. § 32 første ledd bokstav b; forordning (EU) nr. 604/2013 (Dublin III)';
    case 'AppealReconsidered':
      return 'fvl. § 33';
    case 'UneDecisionRecorded':
      return 'fvl. § 34';
    case 'WorkPermitDecided':
      return 'utl. § 94 første ledd; utlf. § 17-24';
    case 'ApplicationWithdrawn':
      // Without an exemption the applicant has a duty to leave (the contract: a withdrawal without exemption).
      return details.exemption ? undefined : 'utl. § 90';
    default:
      return undefined;
  }
}
