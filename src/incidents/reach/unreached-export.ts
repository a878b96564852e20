import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import type { Writable } from 'node:stream';
import { PrismaService } from '../../database/prisma.service';
import { keysetFrom } from '../../common/keyset.util';
import { REACHING_SQL } from '../../common/reach-definition';

const PAGE = 5000;

interface UnreachedRow {
  id: string;
  external_id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  notices: string | null;
}

/**
 * A cell a spreadsheet would run as a formula is prefixed with a quote (OWASP CSV injection): one that starts
 * with =, +, -, @, tab or CR, also after leading white space or line breaks (spreadsheets that trim spaces on
 * import, LibreOffice's "trim spaces" and Google Sheets, would otherwise see the formula), and their fullwidth
 * forms ＝＋－＠ (which IME-aware Excel builds may take as the ASCII ones). Costs a harmless quote on a
 * phone number (+33…) or a negative figure.
 */
const FORMULA_START = /^[\s\u00a0\u2028\u2029\ufeff]*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;
export function neutralise(v: string | null | undefined): string {
  const s = v ?? '';
  return FORMULA_START.test(s) ? `'${s}` : s;
}

/**
 * Streams the affected customers no notice reaches now (src/common/reach-definition.ts: the same rule as the
 * reach report's `unreached`, so the file has exactly that many rows), with what
 * happened to each of their notices, on which channel. Keyset pages: memory stays flat for a million rows.
 */
@Injectable()
export class UnreachedExport {
  constructor(private readonly prisma: PrismaService) {}

  /** The export as a file download (API and console): headers, then the rows. */
  async download(incidentId: string, res: Writable & { setHeader(name: string, value: string): unknown }): Promise<number> {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="unreached-${incidentId}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    return this.write(incidentId, res);
  }

  async write(incidentId: string, out: Writable): Promise<number> {
    const csv = stringify({ header: true, columns: ['externalId', 'name', 'email', 'phone', 'why'] });
    csv.pipe(out);
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const rows: UnreachedRow[] = await this.prisma.$queryRaw<UnreachedRow[]>`
        SELECT c.id::text, c.external_id, c.name, c.email, c.phone,
          (SELECT string_agg(s.step_key || ' (' || n.channel || '): ' || n.state::text || coalesce(' (' || n.last_error || ')', ''), '; ' ORDER BY s.step_key, n.created_at)
             FROM notification n JOIN incident_step s ON s.id = n.step_id
             WHERE n.incident_id = ${incidentId}::uuid AND n.customer_id = c.id) AS notices
        FROM affected_customer ac JOIN customer c ON c.id = ac.customer_id
        WHERE ac.incident_id = ${incidentId}::uuid AND ac.customer_id > ${keysetFrom(after)}::uuid
          AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.incident_id = ${incidentId}::uuid AND n.customer_id = c.id
                          AND n.state IN ${REACHING_SQL})
        ORDER BY ac.customer_id LIMIT ${PAGE}`;
      for (const r of rows) {
        const ok = csv.write([neutralise(r.external_id), neutralise(r.name), neutralise(r.email), neutralise(r.phone), neutralise(r.notices ?? 'no notice yet')]);
        if (!ok) await new Promise((res) => csv.once('drain', res));
      }
      total += rows.length;
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1].id;
    }
    await new Promise<void>((resolve) => {
      csv.end();
      out.once('finish', resolve);
      out.once('close', resolve);
    });
    return total;
  }
}
