import { ContactRow } from './contact.repository';
import { OTHER_REASON } from './dto/contact.schemas';

/** One contact as every surface shows it (API, agent view, dashboard). */
export const toContactView = (r: ContactRow) => ({
  id: r.id,
  customer: { externalId: r.external_id },
  channel: r.channel,
  reason: r.reason_key ? { key: r.reason_key, label: r.reason_label ?? r.reason_key } : { key: OTHER_REASON, label: r.reason_other ?? 'Other' },
  note: r.note,
  resolved: r.resolved,
  loggedBy: { id: r.actor_id, name: r.actor_name ?? (r.channel === 'notice_page' ? 'the customer (notice page)' : null) },
  at: r.at.toISOString(),
  incidentIds: r.incident_ids,
});
export type ContactView = ReturnType<typeof toContactView>;
