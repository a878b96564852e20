import { Injectable } from '@nestjs/common';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { ContactRepository } from './contact.repository';
import { ContactView, toContactView } from './contact-view';
import { ListContactsQuery } from './dto/contact.schemas';

/** How many of a customer's latest contacts an agent sees before answering. */
export const RECENT_CONTACTS = 10;

/** Reading contacts: an incident's (paginated, filtered) and a customer's latest. */
@Injectable()
export class ContactsService {
  constructor(private readonly contacts: ContactRepository) {}

  async forIncident(incidentId: string, q: ListContactsQuery): Promise<{ items: ContactView[]; nextCursor: string | null }> {
    if (!(await this.contacts.incident(incidentId))) throw AppException.notFound('Incident', incidentId);
    const after = q.cursor ? decodeCursor(q.cursor) : null;
    const rows = await this.contacts.forIncident(
      incidentId,
      { channel: q.channel, reason: q.reason, resolved: q.resolved, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined },
      after,
      q.limit,
    );
    const last = rows.length === q.limit ? rows[rows.length - 1] : null;
    return { items: rows.map(toContactView), nextCursor: last ? Buffer.from(`${last.at.toISOString()}|${last.id}`).toString('base64url') : null };
  }

  /** The customer's latest contacts, newest first (by internal id: callers have resolved the customer already). */
  async recentOf(customerId: string, limit = RECENT_CONTACTS): Promise<ContactView[]> {
    return (await this.contacts.recentOf(customerId, limit)).map(toContactView);
  }
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  if (Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/.test(id ?? '')) throw new AppException(ErrorCode.ValidationFailed, 'cursor is not valid');
  return { at: date, id };
}
