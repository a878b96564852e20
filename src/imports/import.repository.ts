// Raw SQL for the staging and apply steps: an import may carry a million rows, so every statement works on
// a whole batch (jsonb_to_recordset, INSERT … SELECT, UPDATE … FROM) and none runs once per row.
import { Injectable } from '@nestjs/common';
import { CustomerImport, Prisma } from '@prisma/client';
import { PrismaService } from '../database/prisma.service';
import { RowError } from './row/customer-row';

/** Row errors kept per import (all are counted); enough to fix a file, bounded for a file that is all wrong. */
export const MAX_STORED_ERRORS = 10_000;
const READ_SLICE_BYTES = 32 * 1024;

type Db = PrismaService | Prisma.TransactionClient;

export interface NewImport {
  format: 'csv' | 'ndjson';
  mode: 'valid-only' | 'all-or-nothing';
  dryRun: boolean;
  options: Prisma.InputJsonValue;
  createdBy: string | null;
}

export interface StoredRowError {
  row: number;
  line: number | null;
  field: string | null;
  message: string;
}

@Injectable()
export class ImportRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(n: NewImport): Promise<CustomerImport> {
    return this.prisma.customerImport.create({ data: n });
  }

  find(id: string): Promise<CustomerImport | null> {
    return this.prisma.customerImport.findUnique({ where: { id } });
  }

  async update(id: string, data: Prisma.CustomerImportUpdateInput): Promise<void> {
    await this.prisma.customerImport.update({ where: { id }, data: { ...data, updatedAt: new Date() } });
  }

  // The upload's pieces and the staged rows go straight through the pg pool (see PrismaService.pool): through
  // Prisma, a megabyte parameter costs tens of milliseconds of CPU and copies, a fifth of a big import's time.

  async appendChunk(importId: string, seq: number, data: Buffer): Promise<void> {
    await this.prisma.pool.query('INSERT INTO import_chunk (import_id, seq, data) VALUES ($1, $2, $3)', [importId, seq, data]);
  }

  /**
   * The upload, stored piece by stored piece, read in 32 KB slices (bounded memory whatever the file size).
   * pg returns bytea as hex text: a whole 1 MB piece would arrive as a 2 MB string, allocated straight in the
   * old generation of the heap, and a million-row file as 170 MB of such garbage between full collections;
   * 64 KB strings die young instead. The column is stored uncompressed (see the perf migration), so a slice
   * reads only its part of the piece.
   */
  async *chunks(importId: string): AsyncGenerator<Buffer> {
    for (let seq = 0; ; seq++) {
      for (let from = 1; ; from += READ_SLICE_BYTES) {
        const { rows } = await this.prisma.pool.query<{ part: Buffer; size: number }>(
          'SELECT substring(data from $3 for $4) AS part, octet_length(data) AS size FROM import_chunk WHERE import_id = $1 AND seq = $2',
          [importId, seq, from, READ_SLICE_BYTES],
        );
        if (!rows.length) return;
        if (rows[0].part.length) yield rows[0].part;
        if (from - 1 + READ_SLICE_BYTES >= rows[0].size) break;
      }
    }
  }

  /** Forgets what an earlier, interrupted run of this import staged: the job always restarts from the upload. */
  async resetStaging(importId: string): Promise<void> {
    await this.prisma.$executeRaw`DELETE FROM import_row WHERE import_id = ${importId}::uuid`;
    await this.prisma.$executeRaw`DELETE FROM import_error WHERE import_id = ${importId}::uuid`;
  }

  /** Stages checked rows, given as the UTF-8 bytes of a JSON array of rows (see JsonRowsBuffer). */
  async stage(importId: string, rowsJson: Buffer): Promise<void> {
    await this.prisma.pool.query(
      `INSERT INTO import_row (import_id, row, external_id, email, phone, name, locale, timezone, attributes, tags, present)
       SELECT $1::uuid, x.row, x.external_id, x.email, x.phone, x.name, x.locale, x.timezone, x.attributes, x.tags, x.present
       FROM jsonb_to_recordset(convert_from($2::bytea, 'UTF8')::jsonb)
         AS x(row int, external_id text, email text, phone text, name text, locale text, timezone text, attributes jsonb, tags text[], present int)`,
      [importId, rowsJson],
    );
  }

  /** Stores errors (or warnings) up to the cap; returns how many were stored. */
  async addErrors(importId: string, errors: RowError[], alreadyStored: number, kind: 'error' | 'warning' = 'error'): Promise<number> {
    const room = Math.max(0, MAX_STORED_ERRORS - alreadyStored);
    const keep = errors.slice(0, room);
    if (!keep.length) return 0;
    await this.prisma.pool.query(
      `INSERT INTO import_error (import_id, row, line, field, message, kind)
       SELECT $1::uuid, x.row, x.line, x.field, x.message, $3
       FROM jsonb_to_recordset($2::jsonb) AS x(row int, line int, field text, message text)`,
      [importId, JSON.stringify(keep), kind],
    );
    return keep.length;
  }

  /**
   * Later rows repeating an externalId are rejected (which one should win would be a guess), reported
   * against the first row; returns how many rows were rejected.
   */
  async rejectDuplicateIds(importId: string, storedSoFar: number): Promise<number> {
    const [r] = await this.prisma.$queryRaw<{ n: bigint }[]>`
      WITH d AS (
        SELECT row, min(row) OVER (PARTITION BY external_id) AS first FROM import_row WHERE import_id = ${importId}::uuid
      ), bad AS (
        DELETE FROM import_row r USING d WHERE r.import_id = ${importId}::uuid AND r.row = d.row AND d.row <> d.first
        RETURNING r.row, d.first
      ), ins AS (
        INSERT INTO import_error (import_id, row, field, message)
        SELECT ${importId}::uuid, row, 'externalId', 'duplicate externalId: the same customer is already in row ' || first
        FROM bad ORDER BY row LIMIT ${Math.max(0, MAX_STORED_ERRORS - storedSoFar)}
      )
      SELECT count(*) AS n FROM bad`;
    return Number(r.n);
  }

  /** Two rows with one email address (ignoring case) are both imported, and the later one is reported as a warning. */
  async warnDuplicateEmails(importId: string, storedSoFar: number): Promise<number> {
    const [r] = await this.prisma.$queryRaw<{ n: bigint }[]>`
      WITH d AS (
        SELECT row, min(row) OVER (PARTITION BY lower(email)) AS first FROM import_row
        WHERE import_id = ${importId}::uuid AND email IS NOT NULL
      ), dup AS (SELECT row, first FROM d WHERE row <> first), ins AS (
        INSERT INTO import_error (import_id, row, field, message, kind)
        SELECT ${importId}::uuid, row, 'email', 'the same email address (ignoring case) is already in row ' || first || '; both rows were kept', 'warning'
        FROM dup ORDER BY row LIMIT ${Math.max(0, MAX_STORED_ERRORS - storedSoFar)}
      )
      SELECT count(*) AS n FROM dup`;
    return Number(r.n);
  }

  async maxRow(importId: string): Promise<number> {
    const [r] = await this.prisma.$queryRaw<{ m: number | null }[]>`SELECT max(row) AS m FROM import_row WHERE import_id = ${importId}::uuid`;
    return r.m ?? 0;
  }

  /** What applying would do: staged rows whose externalId exists (updated) or not (created). */
  async wouldApply(importId: string): Promise<{ created: number; updated: number }> {
    const [r] = await this.prisma.$queryRaw<{ created: bigint; updated: bigint }[]>`
      SELECT count(*) FILTER (WHERE c.id IS NULL) AS created, count(c.id) AS updated
      FROM import_row r LEFT JOIN customer c ON c.external_id = r.external_id
      WHERE r.import_id = ${importId}::uuid`;
    return { created: Number(r.created), updated: Number(r.updated) };
  }

  /**
   * Upserts the staged rows with row numbers in (from, to]: existing customers get only the fields the file
   * carries (attributes are merged), new ones are inserted. Returns the counts. With `skipRepeats` (ranges
   * applied while the rest of the file is still being read), a row whose externalId an earlier row of the
   * file already has is left out: it is rejected as a duplicate at the end, as it would have been before.
   */
  async applyRange(importId: string, from: number, to: number, db: Db = this.prisma, skipRepeats = false): Promise<{ created: number; updated: number; total: number }> {
    const repeats = skipRepeats
      ? Prisma.sql`AND NOT EXISTS (SELECT 1 FROM import_row p WHERE p.import_id = r.import_id AND p.external_id = r.external_id AND p.row < r.row)`
      : Prisma.empty;
    const run = async () => {
      const [r] = await db.$queryRaw<{ created: bigint; updated: bigint; total: bigint }[]>`
        WITH src AS (
          SELECT * FROM import_row r WHERE r.import_id = ${importId}::uuid AND r.row > ${from} AND r.row <= ${to} ${repeats}
        ), upd AS (
          UPDATE customer c SET
            email = CASE WHEN s.present & 1 <> 0 THEN s.email ELSE c.email END,
            phone = CASE WHEN s.present & 2 <> 0 THEN s.phone ELSE c.phone END,
            name = CASE WHEN s.present & 4 <> 0 THEN s.name ELSE c.name END,
            locale = CASE WHEN s.present & 8 <> 0 THEN coalesce(s.locale, 'en') ELSE c.locale END,
            timezone = CASE WHEN s.present & 16 <> 0 THEN coalesce(s.timezone, 'UTC') ELSE c.timezone END,
            attributes = CASE WHEN s.present & 32 <> 0 THEN c.attributes || coalesce(s.attributes, '{}') ELSE c.attributes END,
            tags = CASE WHEN s.present & 64 <> 0 THEN coalesce(s.tags, '{}') ELSE c.tags END,
            updated_at = now()
          FROM src s WHERE c.external_id = s.external_id
          RETURNING 1
        ), ins AS (
          INSERT INTO customer (external_id, email, phone, name, locale, timezone, attributes, tags, updated_at)
          SELECT s.external_id, s.email, s.phone, s.name, coalesce(s.locale, 'en'), coalesce(s.timezone, 'UTC'),
                 coalesce(s.attributes, '{}'), coalesce(s.tags, '{}'), now()
          FROM src s WHERE NOT EXISTS (SELECT 1 FROM customer c WHERE c.external_id = s.external_id)
          ON CONFLICT (external_id) DO NOTHING
          RETURNING 1
        )
        SELECT (SELECT count(*) FROM ins) AS created, (SELECT count(*) FROM upd) AS updated, (SELECT count(*) FROM src) AS total`;
      return { created: Number(r.created), updated: Number(r.updated), total: Number(r.total) };
    };
    const first = await run();
    if (first.created + first.updated === first.total) return first;
    // a customer was created by someone else between our read and our insert: once more updates it
    const again = await run();
    return { created: first.created, updated: first.total - first.created, total: again.total };
  }

  transaction<T>(fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(fn, { timeout: 60 * 60_000, maxWait: 30_000 });
  }

  async cleanup(importId: string): Promise<void> {
    await this.prisma.$executeRaw`DELETE FROM import_row WHERE import_id = ${importId}::uuid`;
    await this.prisma.$executeRaw`DELETE FROM import_chunk WHERE import_id = ${importId}::uuid`;
  }

  async remove(importId: string): Promise<void> {
    await this.cleanup(importId);
    await this.prisma.customerImport.delete({ where: { id: importId } }).catch(() => undefined);
  }

  errors(importId: string, kind: 'error' | 'warning', limit: number): Promise<StoredRowError[]> {
    return this.prisma.importError.findMany({
      where: { importId, kind },
      orderBy: [{ row: 'asc' }, { id: 'asc' }],
      take: limit,
      select: { row: true, line: true, field: true, message: true },
    });
  }

  async errorCounts(importId: string): Promise<{ errors: number; warnings: number }> {
    const rows = await this.prisma.importError.groupBy({ by: ['kind'], where: { importId }, _count: { _all: true } });
    const n = (k: string) => rows.find((r) => r.kind === k)?._count._all ?? 0;
    return { errors: n('error'), warnings: n('warning') };
  }

  /** Imports that should be moving but have not reported progress for a while (their job may be lost). */
  stalled(olderThanMs: number): Promise<{ id: string }[]> {
    return this.prisma.customerImport.findMany({
      where: { status: 'running', phase: { in: ['queued', 'parsing', 'applying'] }, updatedAt: { lt: new Date(Date.now() - olderThanMs) } },
      select: { id: true },
      take: 100,
    });
  }
}
