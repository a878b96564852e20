import { Injectable } from '@nestjs/common';
import { ContactsService } from '../../contacts/contacts.service';
import { OffersService } from '../../offers/offers.service';
import { AppException } from '../../common/errors/app.exception';
import { CustomerRepository } from '../customer.repository';
import { toCustomerView } from '../customers.service';
import { isReaching } from '../../common/reach-definition';
import { ContextRow, CustomerContextRepository } from './customer-context.repository';
import { plainReason } from './plain-reason.util';
import { IncidentNews } from '../../incident-posts/incident-news';

const ENDED = ['closed', 'cancelled'];
/** The facts an agent reads out, in the order a notice tells them. */
const SCRIPT_FACTS: [string, string][] = [
  ['whatHappened', 'What happened'],
  ['dataInvolved', 'What data was involved'],
  ['whatWeAreDoing', 'What we are doing'],
  ['whatYouCanDo', 'What the customer can do'],
  ['hotline', 'Where to get help'],
];

/**
 * The agent view: every incident touching a customer, each notice with its channel, state and time, and
 * one script for the current incident, built from the incident's facts so every agent says the same thing.
 */
@Injectable()
export class CustomerContextService {
  constructor(
    private readonly customers: CustomerRepository,
    private readonly context: CustomerContextRepository,
    private readonly contacts: ContactsService,
    private readonly news: IncidentNews,
    private readonly offers: OffersService,
  ) {}

  async get(externalId: string) {
    const c = await this.customers.findByExternalId(externalId);
    if (!c || c.erasedAt) throw AppException.notFound('Customer', externalId);
    const [rows, suppressions, recentContacts, offers] = await Promise.all([
      this.context.rows(c.id),
      this.context.suppressions(c.email, c.phone),
      this.contacts.recentOf(c.id),
      this.offers.forAgent(c.id),
    ]);
    const incidents = new Map<string, { row: ContextRow; notices: ContextRow[] }>();
    for (const r of rows) {
      const i = incidents.get(r.incident_id) ?? { row: r, notices: [] };
      incidents.set(r.incident_id, i);
      if (r.notification_id) i.notices.push(r);
    }
    const list = [...incidents.values()].map(({ row, notices }) => ({
      id: row.incident_id,
      title: row.title,
      state: row.state,
      severity: row.severity,
      declaredAt: row.declared_at,
      // src/common/reach-definition.ts, as in the reach report: a bounced or failed notice does not reach
      reached: notices.some((n) => isReaching(n.n_state)),
      // the channels that reached them (a fallback or a reminder may have reached them where the first notice did not)
      reachedBy: [...new Set(notices.filter((n) => isReaching(n.n_state)).map((n) => n.channel!))],
      // the notice page is the one source of opened / acknowledged (as for the reach report's counts)
      opened: !!row.opened_at,
      openedAt: row.opened_at,
      acknowledged: !!row.acknowledged_at,
      acknowledgedAt: row.acknowledged_at,
      notices: notices.map((n) => ({
        step: n.step_key,
        channel: n.channel,
        state: n.n_state,
        to: n.recipient,
        createdAt: n.created_at,
        sentAt: n.sent_at,
        deliveredAt: n.delivered_at,
        failedAt: n.failed_at ?? n.bounced_at,
        // what to tell the caller; `error` keeps the provider's own words
        problem: plainReason(n.last_error),
        error: n.last_error,
      })),
    }));
    const current = [...incidents.values()].find((i) => !ENDED.includes(i.row.state)) ?? [...incidents.values()][0];
    // addresses we will not write to again until corrected (or lifted by comms): what the agent should ask for
    const suppressed = suppressions.map((s) => ({ channel: s.channel, address: s.address, since: s.created_at, problem: plainReason(s.reason), reason: s.reason }));
    const script = current ? this.script(current.row, list.find((i) => i.id === current.row.incident_id)!) : null;
    for (const s of suppressed) script?.say.splice(1, 0, `We no longer write to their ${s.channel === 'sms' ? 'phone number' : 'email address'} ${s.address} (${s.problem}): ask for a new one.`);
    // the customer's latest contacts (newest first): what they asked before, so the agent does not start over
    // remedy offers (#20): which they were given, whether they claimed, the last 4 characters of their code
    for (const o of offers.filter((x) => x.incidentId === script?.incidentId)) {
      script?.say.push(`They were offered "${o.title}"${o.codeEnding ? ` (their code ends in ${o.codeEnding})` : ''}: ${o.claimed ? `claimed on ${o.claimedAt!.toISOString().slice(0, 10)}` : 'not claimed yet; the code and the Claim button are on their notice page'}.`);
    }
    // what to tell them: the updates and answers published for the current incident, as their notice page shows them
    const told = script ? await this.news.forCustomer(script.incidentId, { locale: c.locale, timezone: c.timezone }) : null;
    return { customer: toCustomerView(c), suppressed, incidents: list, script: script && told ? { ...script, ...told } : script, recentContacts, offers };
  }

  private script(
    row: ContextRow,
    incident: { reached: boolean; acknowledged: boolean; acknowledgedAt: Date | null; notices: { channel: string | null; state: string | null; sentAt: Date | null; to: string | null; problem: string | null }[] },
  ) {
    const facts = row.facts ?? {};
    const lines: string[] = [];
    const sent = incident.notices.filter((n) => isReaching(n.state));
    if (sent.length) {
      const n = sent[0];
      lines.push(`We sent this customer a notice by ${n.channel}${n.sentAt ? ` on ${n.sentAt.toISOString().slice(0, 10)}` : ''}${n.to ? ` to ${n.to}` : ''}.`);
    } else if (incident.notices.length) {
      const problem = incident.notices.find((n) => n.problem)?.problem;
      lines.push(`Our notice has not reached this customer yet${problem ? ` (${problem})` : ''}: confirm their contact details and tell them what follows.`);
    } else {
      lines.push('This customer is affected but no notice has been sent yet: tell them what follows.');
    }
    if (incident.acknowledged) lines.push(`They acknowledged the notice on ${incident.acknowledgedAt!.toISOString().slice(0, 10)}.`);
    for (const [key, label] of SCRIPT_FACTS) if (facts[key] !== undefined) lines.push(`${label}: ${String(facts[key])}`);
    if (facts.agentScript !== undefined) lines.push(String(facts.agentScript));
    return { incidentId: row.incident_id, title: row.title, state: row.state, facts, say: lines };
  }
}
