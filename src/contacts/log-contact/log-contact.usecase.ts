import { Injectable } from '@nestjs/common';
import { ContactChannel } from '@prisma/client';
import { AuditRepository } from '../../audit/audit.repository';
import { Actor } from '../../auth/role';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { Clock } from '../../common/time/clock';
import { ContactRepository } from '../contact.repository';
import { LogContactInput, OTHER_REASON } from '../dto/contact.schemas';
import { ContactReasonRepository } from '../reasons/contact-reason.repository';
import { ContactView, toContactView } from '../contact-view';

/** A contact may be logged a little ahead of the server's clock (clock skew), not later. */
const FUTURE_SKEW_MS = 5 * 60_000;

/** Who logs a contact: a person or a system (the API key / console user), or the customer on their notice page. */
export type ContactAuthor = Actor | { customer: true };

/**
 * Logs one contact: from the agent view, a CRM (API) or the customer's notice page. The reason must be an
 * active list entry or 'other' with a text; incidents default to the customer's open ones. The audit row
 * names the contact, channel, reason and incidents, never the note (personal data).
 */
@Injectable()
export class LogContactUseCase {
  constructor(
    private readonly contacts: ContactRepository,
    private readonly reasons: ContactReasonRepository,
    private readonly audit: AuditRepository,
    private readonly clock: Clock,
  ) {}

  async execute(externalId: string, input: LogContactInput, by: Actor): Promise<ContactView> {
    const customer = await this.contacts.findCustomer(externalId);
    if (!customer) throw AppException.notFound('Customer', externalId);
    const now = this.clock.now();
    const at = input.at ? new Date(input.at) : now;
    if (at.getTime() > now.getTime() + FUTURE_SKEW_MS) throw new AppException(ErrorCode.ValidationFailed, 'at is in the future', [{ path: 'at', message: 'must not be in the future' }]);
    let reasonId: string | null = null;
    if (input.reason !== OTHER_REASON) {
      const reason = await this.reasons.findByKey(input.reason);
      if (!reason || reason.archivedAt) throw new AppException(ErrorCode.ValidationFailed, `Unknown contact reason '${input.reason}'`, [{ path: 'reason', message: `not an active reason: see GET /api/v1/contact-reasons, or use '${OTHER_REASON}' with reasonText` }]);
      reasonId = reason.id;
    }
    const incidentIds = await this.incidents(customer.id, input.incidentIds);
    return this.store(customer.id, { channel: input.channel, reasonId, reasonOther: input.reason === OTHER_REASON ? input.reasonText! : null, note: input.note || null, resolved: input.resolved, at, incidentIds }, by);
  }

  /** A question from the notice page: channel notice_page, reason 'other' ("question from the notice page"), for that incident. */
  async fromNoticePage(customerId: string, incidentId: string, question: string, label: string): Promise<string> {
    const view = await this.store(customerId, { channel: 'notice_page', reasonId: null, reasonOther: label, note: question, resolved: false, at: this.clock.now(), incidentIds: [incidentId] }, { customer: true });
    return view.id;
  }

  private async incidents(customerId: string, given: string[] | undefined): Promise<string[]> {
    if (!given) return this.contacts.openIncidentsOf(customerId);
    const unique = [...new Set(given)];
    const found = new Set(await this.contacts.existingIncidents(unique));
    const missing = unique.filter((id) => !found.has(id));
    if (missing.length) throw new AppException(ErrorCode.ValidationFailed, `Unknown incident(s): ${missing.join(', ')}`, [{ path: 'incidentIds', message: 'unknown incident' }]);
    return unique;
  }

  private async store(
    customerId: string,
    c: { channel: ContactChannel; reasonId: string | null; reasonOther: string | null; note: string | null; resolved: boolean; at: Date; incidentIds: string[] },
    by: ContactAuthor,
  ): Promise<ContactView> {
    const actor = 'customer' in by ? { actorId: null, actorName: null } : { actorId: by.id, actorName: by.name };
    const id = await this.contacts.create({ customerId, ...c, ...actor }, (tx, contactId) =>
      this.audit.record(
        {
          // the customer on their notice page has no actor: the audit says so rather than naming the request's caller
          ...(actor.actorId ? actor : { actorName: 'customer (notice page)' }),
          action: 'contact.logged',
          entityType: 'contact',
          entityId: contactId,
          // never the note nor the free-text reason: both are the customer's personal data
          data: { customerId, channel: c.channel, reasonId: c.reasonId, other: c.reasonId === null, resolved: c.resolved, incidentIds: c.incidentIds },
        },
        tx,
      ),
    );
    const row = await this.contacts.get(id);
    return toContactView(row!);
  }
}
