import PDFDocument from 'pdfkit';
import { type CaseEvent, deadlineHistory, type DeadlineOutcome } from '@saksflyt/domain';
import type { CaseRecordData } from './case-source';

/** The events that carry a decision, with its grounds and the policy version it applied. */
const DECISIONS: CaseEvent['type'][] = [
  'CollectiveProtectionAssessed',
  'DublinReplyRecorded',
  'DecisionMade',
  'AppealReconsidered',
  'UneDecisionRecorded',
  'WorkPermitDecided',
  'ApplicationWithdrawn',
  'LeftNorwayReported',
];

export interface CaseExport {
  dufNumber: string;
  exportedAt: string;
  source: CaseRecordData['source'];
  status: string;
  track: string;
  closed: boolean;
  applicant: CaseRecordData['state']['application']['applicant'];
  lodgedAt: string;
  decisions: { seq: number; at: string; actor: string; type: string; details: Record<string, unknown> }[];
  deadlines: DeadlineOutcome[];
  timeline: { seq: number; at: string; actor: string; type: string; data: unknown }[];
}

const actorOf = (event: CaseEvent) => `${event.actor.id} (${event.actor.role})`;

/** A readable record of one case: who did what, when, on which grounds and under which policy version. */
export function caseExport(record: CaseRecordData, exportedAt = new Date()): CaseExport {
  const { state, events } = record;
  return {
    dufNumber: state.dufNumber,
    exportedAt: exportedAt.toISOString(),
    source: record.source,
    status: state.status,
    track: state.track,
    closed: state.closed,
    applicant: state.application.applicant,
    lodgedAt: state.lodgedAt,
    decisions: events
      .filter((event) => DECISIONS.includes(event.type))
      .map((event) => ({
        seq: event.seq,
        at: event.at,
        actor: actorOf(event),
        type: event.type,
        details: event.data as Record<string, unknown>,
      })),
    deadlines: deadlineHistory(events),
    timeline: events.map((event) => ({
      seq: event.seq,
      at: event.at,
      actor: actorOf(event),
      type: event.type,
      data: event.data,
    })),
  };
}

const summary = (value: unknown): string =>
  Object.entries((value ?? {}) as Record<string, unknown>)
    .filter(([, inner]) => inner !== undefined && typeof inner !== 'object')
    .map(([key, inner]) => `${key}: ${String(inner)}`)
    .join(' · ');

/** The same record as a PDF for reading and filing. */
export function caseExportPdf(record: CaseExport): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({
      size: 'A4',
      margin: 50,
      info: { Title: `Saksflyt — case ${record.dufNumber}` },
    });
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);

    const heading = (text: string) =>
      pdf.moveDown().font('Helvetica-Bold').fontSize(13).text(text).font('Helvetica').fontSize(9);
    pdf.font('Helvetica-Bold').fontSize(18).text(`Case ${record.dufNumber}`);
    pdf
      .font('Helvetica')
      .fontSize(9)
      .text(
        `Exported ${record.exportedAt} from ${record.source}. Status ${record.status}, track ${record.track}${record.closed ? ', closed' : ''}.`,
      );

    heading('Applicant');
    const applicant = record.applicant;
    pdf.text(
      `${applicant.fullName}, born ${applicant.dateOfBirth}, ${applicant.nationality}, from ${applicant.homeOblast}`,
    );
    pdf.text(
      `Language ${applicant.preferredLanguage}; ${applicant.maritalStatus}; children: ${applicant.hasChildren ? 'yes' : 'no'}; unaccompanied minor: ${applicant.unaccompaniedMinor ? 'yes' : 'no'}`,
    );
    pdf.text(
      `Residence: ${applicant.residence.kind === 'reception-centre' ? applicant.residence.centreName : applicant.residence.address}. Lodged ${record.lodgedAt}.`,
    );

    heading('Decisions');
    for (const decision of record.decisions) {
      pdf
        .font('Helvetica-Bold')
        .text(`#${decision.seq} ${decision.type} — ${decision.at} — ${decision.actor}`)
        .font('Helvetica');
      pdf.text(summary(decision.details) || '—', { indent: 12 });
    }

    heading('Deadlines');
    for (const deadline of record.deadlines) {
      pdf.text(
        `${deadline.kind}: due ${deadline.dueAt} (set by #${deadline.setBySeq}) — ${deadline.outcome}${deadline.endedBy ? ` by ${deadline.endedBy} (#${deadline.endedBySeq})` : ''}`,
      );
    }

    heading('Timeline');
    for (const event of record.timeline) {
      pdf
        .font('Helvetica-Bold')
        .text(`#${event.seq} ${event.type}`, { continued: true })
        .font('Helvetica')
        .text(`  ${event.at} — ${event.actor}`);
      const details = summary(event.data);
      if (details) pdf.text(details, { indent: 12 });
    }
    pdf.end();
  });
}
