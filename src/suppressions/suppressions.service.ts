import { Injectable } from '@nestjs/common';
import { type Actor } from '../auth/role';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { LiftSuppression } from './dto/suppression.dto';
import { SuppressionFilter, SuppressionRepository, SuppressionRow } from './suppression.repository';

export interface SuppressionView {
  channel: string;
  address: string;
  reason: string;
  createdAt: Date;
  customer: { externalId: string; name: string | null } | null;
  incidentId: string | null;
  notificationId: string | null;
}

const toView = (r: SuppressionRow): SuppressionView => ({
  channel: r.channel,
  address: r.address,
  reason: r.reason,
  createdAt: r.created_at,
  customer: r.customer_external_id ? { externalId: r.customer_external_id, name: r.customer_name } : null,
  incidentId: r.incident_id,
  notificationId: r.notification_id,
});

const encodeCursor = (r: SuppressionRow) => Buffer.from(JSON.stringify([r.channel, r.address])).toString('base64url');

function decodeCursor(cursor: string | undefined): [string, string] | null {
  if (!cursor) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string')) return v as [string, string];
  } catch {
    // falls through to the coded error
  }
  throw new AppException(ErrorCode.ValidationFailed, 'cursor is not one this API returned');
}

/**
 * Suppressions are per address (channel + address): a hard bounce or complaint stops that address being used
 * again, a corrected address is tried. Comms can list them and lift one, with a reason that is audited.
 */
@Injectable()
export class SuppressionsService {
  constructor(private readonly suppressions: SuppressionRepository) {}

  async list(filter: SuppressionFilter, cursor: string | undefined, limit: number): Promise<{ items: SuppressionView[]; nextCursor: string | null }> {
    const rows = await this.suppressions.list(filter, decodeCursor(cursor), limit);
    return { items: rows.map(toView), nextCursor: rows.length === limit ? encodeCursor(rows[rows.length - 1]) : null };
  }

  async lift(cmd: LiftSuppression, by: Actor): Promise<{ lifted: SuppressionView }> {
    const row = await this.suppressions.lift(cmd.channel, cmd.address, cmd.reason, by);
    if (!row) throw new AppException(ErrorCode.NotFound, `No suppression of ${cmd.channel} address '${cmd.address.slice(0, 254)}'`);
    return { lifted: toView(row) };
  }
}
