import { Injectable } from '@nestjs/common';
import { ContactReasonsService } from '../reasons/contact-reasons.service';
import { ContactsSummaryService } from '../summary/contacts-summary.service';
import { AGENT_CHANNELS, MAX_NOTE, MAX_REASON_TEXT, OTHER_REASON } from '../dto/contact.schemas';
import { contactsChart } from './contacts-chart.util';

export const CHANNEL_LABELS: Record<string, string> = { phone: 'Phone', chat: 'Chat', email: 'Email', social: 'Social media', in_person: 'In person', notice_page: 'Notice page' };

/** What the console's contact pieces show: the agent view's form and the incident dashboard's panel. */
@Injectable()
export class ContactsConsoleService {
  constructor(
    private readonly reasons: ContactReasonsService,
    private readonly summaries: ContactsSummaryService,
  ) {}

  /** The "log this contact" form: channels, active reasons then "other", the customer's incidents (open ones ticked). */
  async agentForm(externalId: string, incidents: { id: string; title: string; state: string }[]) {
    const { items } = await this.reasons.list();
    return {
      action: `/console/customers/${encodeURIComponent(externalId)}/contacts`,
      channels: AGENT_CHANNELS.map((value, i) => ({ value, label: CHANNEL_LABELS[value], checked: i === 0 })),
      reasons: [...items.map((r) => ({ value: r.key, label: r.label })), { value: OTHER_REASON, label: 'Other (say why)' }],
      incidents: incidents.map((i) => ({ id: i.id, title: i.title, checked: !['closed', 'cancelled'].includes(i.state) })),
      maxNote: MAX_NOTE,
      maxReasonText: MAX_REASON_TEXT,
      // for the earlier contacts' table (the API gives the channel's name)
      channelLabels: CHANNEL_LABELS,
    };
  }

  /** The incident dashboard's contact panel: the API's summary, drawn (SVG bars, a table of the same numbers). */
  async dashboardPanel(incidentId: string) {
    const s = await this.summaries.summary(incidentId);
    return {
      ...s,
      chart: contactsChart(s.overTime, s.bucket),
      channels: Object.entries(s.byChannel).map(([channel, n]) => ({ label: CHANNEL_LABELS[channel] ?? channel, contacts: n })),
      topReasons: s.topReasons.map((r) => ({ ...r, sharePct: Math.round(r.share * 1000) / 10 })),
    };
  }
}
