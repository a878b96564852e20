// The evidence report as a PDF, drawn from the same object as the JSON (nothing recomputed, nothing
// rounded). pdfkit with its built-in Helvetica: no font files to ship, text in the WinAnsi character set.
import PDFDocument from 'pdfkit';
import type { EvidenceReport } from './evidence-report.service';

/** Characters outside WinAnsi (the built-in fonts' set) would print as garbage: shown as '?' instead, never dropped. */
const WIN_ANSI_EXTRA = new Set([...'€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ']);
/** Dates as the JSON gives them (ISO 8601, UTC), never the process's local format. */
const when = (d: Date | string) => (d instanceof Date ? d.toISOString() : d);

export const printable = (v: unknown): string =>
  [...String(v ?? '')].map((c) => (c === '\n' || c === '\t' || (c >= ' ' && c <= '\u00ff') || WIN_ANSI_EXTRA.has(c) ? c : '?')).join('');

/** `compress: false` leaves the page streams readable (tests). */
export function renderReportPdf(r: EvidenceReport, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, bufferPages: true, compress: opts.compress ?? true, info: { Title: printable(`Evidence report: ${r.incident.title}`), Author: 'Tocsin', CreationDate: new Date(r.generatedAt) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  const h1 = (t: string) => doc.moveDown(0.5).font('Helvetica-Bold').fontSize(16).text(printable(t)).moveDown(0.3);
  const h2 = (t: string) => doc.moveDown(0.6).font('Helvetica-Bold').fontSize(12).text(printable(t)).moveDown(0.2);
  const line = (label: string, value: unknown) => doc.font('Helvetica-Bold').fontSize(9).text(printable(`${label}: `), { continued: true }).font('Helvetica').text(printable(value ?? '-'));
  const para = (t: unknown, font = 'Helvetica') => doc.font(font).fontSize(9).text(printable(t));

  const i = r.incident;
  h1(`Evidence report: ${i.title}`);
  line('Incident', i.id);
  line('Generated', r.generatedAt);
  line('Type / severity / state', `${i.type} / ${i.severity} / ${i.state}`);
  line('Jurisdictions', i.jurisdictions.join(', ') || '-');
  line('Aware', i.awareAt);
  line('Declared', i.declaredAt);
  for (const [label, v] of [['Confirmed', i.confirmedAt], ['Materiality determined', i.materialityAt], ['Incident determined (NYDFS)', i.determinedAt], ['Extortion payment', i.extortionPaidAt], ['Closed', i.closedAt]] as const) if (v) line(label, v);
  line('Organisation profile (at declaration)', i.organisationProfile ? JSON.stringify(i.organisationProfile) : 'none set');
  line('Affected', i.affected);
  if (i.affectedByState) line('Affected per State (attributes.state)', `${Object.entries(i.affectedByState).map(([s, n]) => `${s} ${n}`).join(', ') || '-'}; without a State: ${i.affectedWithoutState}`);

  h1('Regulatory clocks');
  for (const c of r.clocks) {
    h2(`${c.id}: ${c.status.toUpperCase()}`);
    para(`${c.regulation}, ${c.article}`);
    line('Due', c.dueAt ?? (c.status === 'flag' ? 'no fixed deadline' : 'not started'));
    line('Met', c.metAt ? `${c.metAt} by ${c.metBy}` : 'not met');
    if (c.note) line('Note', c.note);
    for (const s of c.submissions) {
      line('Submission', `${when(s.submittedAt)}, filed by ${s.submittedBy}, reference ${s.reference}, recorded by ${s.recordedByName} at ${when(s.createdAt)}`);
      if (s.fileName) line('  File', `${s.fileName} (${s.fileContentType}), SHA-256 ${s.fileSha256}`);
    }
    for (const d of c.deliveries) {
      line(`Step ${d.step}`, `${d.audience}, ${d.state}${d.completedAt ? `, completed ${d.completedAt}` : ''}`);
      for (const rc of d.recipients) {
        para(`  ${rc.recipient} (${rc.channel}): ${rc.state}${rc.reachedAt ? ` at ${rc.reachedAt}` : ''}; server: ${rc.response ?? '-'}`);
        for (const e of rc.events) para(`    event ${e.kind}${e.status ? ` ${e.status}` : ''} received ${e.receivedAt}${e.reason ? `: ${e.reason}` : ''}`);
      }
    }
  }

  h1('Approvals');
  if (!r.approvals.history.length) para('No step needed approval.');
  for (const a of r.approvals.history) line(`${a.step}`, `approved by ${a.approvedBy} at ${a.approvedAt}`);
  for (const a of r.approvals.current) para(`Frozen for ${a.step} (approved by ${a.approvedBy}): ${JSON.stringify(a.approvedSnapshot)}`);

  h1('Templates sent');
  for (const t of r.templates) {
    h2(`${t.step} / ${t.channel}: ${t.template.key} v${t.template.version} (${t.template.locale}), ${t.notifications} notification(s)`);
    line('Template version', `${t.template.id}, saved ${t.template.createdAt}${t.template.createdBy ? ` by ${t.template.createdBy}` : ''}`);
    line('Sample for', `${t.sampleRecipient} (facts: ${t.factsUsed})`);
    if ('error' in t.sample) line('Sample', `could not be rendered: ${t.sample.error}`);
    else {
      if (t.sample.subject) line('Subject', t.sample.subject);
      para(t.sample.text ?? JSON.stringify(t.sample.body ?? ''), 'Courier');
    }
  }

  h1('Counts by step, channel and state');
  for (const c of r.counts) para(`${c.step} / ${c.channel} / ${c.state}: ${c.notifications}`);

  h1('Timeline (audit trail)');
  for (const e of r.timeline) para(`${e.at}  ${e.actor ?? '-'}  ${e.action}  ${e.entity}${e.hash ? `  #${e.hash.slice(0, 16)}` : ''}  ${JSON.stringify(e.data)}`);

  const pages = doc.bufferedPageRange();
  for (let p = 0; p < pages.count; p++) {
    doc.switchToPage(p);
    doc.page.margins.bottom = 0; // the footer sits in the margin: without this pdfkit would open a new page for it
    doc.font('Helvetica').fontSize(8).text(printable(`Tocsin evidence report, incident ${i.id}, generated ${r.generatedAt}. Page ${p + 1} of ${pages.count}`), 50, doc.page.height - 35, { lineBreak: false });
  }
  doc.end();
  return done;
}
