import { printable, renderReportPdf } from './evidence-report.pdf';
import type { EvidenceReport } from './evidence-report.service';

const report = {
  generatedAt: '2026-11-22T10:00:00.000Z',
  incident: {
    id: '11111111-2222-4333-8444-555555555555', title: 'Records copied — 東京', type: 'data_breach', severity: 'high', state: 'notifying', jurisdictions: ['FR'],
    awareAt: '2026-11-20T09:00:00.000Z', declaredAt: '2026-11-20T10:00:00.000Z', confirmedAt: null, materialityAt: null, determinedAt: null, extortionPaidAt: null, closedAt: null,
    organisationProfile: null, facts: {}, affected: 2,
  },
  clocks: [
    {
      id: 'gdpr-art33', regulation: 'GDPR', article: 'Art. 33(1)', audience: 'regulator', dueAt: '2026-11-23T09:00:00.000Z', status: 'met', metBy: 'submission 20261122', metAt: '2026-11-22T09:00:00.000Z',
      evidence: null, hoursLeft: null, elapsedHours: 49,
      submissions: [{ id: 's', incidentId: 'i', clockId: 'gdpr-art33', submittedAt: new Date('2026-11-22T08:30:00Z'), submittedBy: 'Dana', recordedByName: 'alice', reference: '20261122', note: null, fileName: 'r.pdf', fileContentType: 'application/pdf', fileSha256: '0123456789', createdAt: new Date('2026-11-22T09:05:00Z') }],
      deliveries: [{ step: 'dpa', audience: 'regulator', state: 'completed', completedAt: null, recipients: [{ recipient: 'a@dpa.test', channel: 'email', state: 'bounced', reachedAt: null, response: '550 5.1.1', events: [{ kind: 'bounce', status: '5.1.1', reason: 'no such user', occurredAt: null, receivedAt: '2026-11-22T08:00:00.000Z' }] }] }],
    },
  ],
  approvals: { history: [], current: [] },
  templates: [],
  counts: [{ step: 'dpa', channel: 'email', state: 'bounced', notifications: 1 }],
  schedule: [],
  timeline: Array.from({ length: 120 }, (_, n) => ({ id: String(n), at: '2026-11-20T10:00:00.000Z', actor: 'tocsin', action: 'step.completed', entity: 'incident_step:x', data: {}, origin: null, hash: null })),
} as unknown as EvidenceReport;

/** pdfkit writes each text run as hex; short runs of digits are never split by kerning. */
const hex = (s: string) => Buffer.from(s, 'latin1').toString('hex');

describe(renderReportPdf.name, () => {
  it('draws the report on numbered pages, every clock with its evidence', async () => {
    const pdf = await renderReportPdf(report, { compress: false });
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    const pages = Number(/\/Type \/Pages\n\/Count (\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThan(1); // 120 timeline lines do not fit on one page
    expect(text).toContain(hex(` of ${pages}`)); // each footer counts the real pages (none added by the footers themselves)
    expect(text).toContain(hex('20261122')); // the submission's reference
    expect(text).toContain(hex('0123456789')); // the file's hash
    expect(text).toContain(hex('2026-11-22T08:30:00.000Z')); // the filing's time in ISO 8601 UTC, as in the JSON (not Date.toString)
  });

  it('shows characters the built-in fonts cannot draw as ?, never dropping them', () => {
    expect(printable('Records copied — 東京 €5')).toBe('Records copied — ?? €5');
    expect(printable(null)).toBe('');
  });
});
