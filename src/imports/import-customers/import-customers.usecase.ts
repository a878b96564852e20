import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.module';
import { JobResult, skipped, success } from '../../dispatch/job-result';
import { ImportRepository } from '../import.repository';
import { StoredImportOptions } from '../import-options';
import { csvRecords } from '../read/csv-records';
import { decodeToUtf8 } from '../read/decode';
import { ndjsonRecords } from '../read/ndjson-records';
import { FatalReadError, SourceRecord } from '../read/source-record';
import { JsonRowsBuffer } from './json-rows-buffer';
import { checkRecord, ColumnMap, mapColumns, RowError } from '../row/customer-row';

/** Rows upserted per statement when the staged rows are applied. */
const APPLY_RANGE = 20_000;

/**
 * Processes one uploaded import in the worker: streams the stored upload through the CSV/NDJSON reader,
 * checks each record, stages the valid rows in batches, finds duplicates set-based, then (unless it is a dry
 * run, or an all-or-nothing import with rejected rows) upserts the staged rows range by range.
 * Restart-safe: a retried job starts again from the stored upload; upserts are idempotent.
 */
@Injectable()
export class ImportCustomersUseCase {
  private readonly logger = new Logger(ImportCustomersUseCase.name);

  constructor(
    private readonly imports: ImportRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(importId: string, onProgress?: (p: { rowsRead: number; rowsImported: number }) => Promise<void>): Promise<JobResult> {
    const imp = await this.imports.find(importId);
    if (!imp) return skipped('import not found');
    if (imp.status !== 'running' || imp.phase === 'uploading') return skipped(`import is ${imp.status} (${imp.phase})`);
    const options = imp.options as unknown as StoredImportOptions;

    const t0 = Date.now();
    await this.imports.resetStaging(importId);
    await this.imports.update(importId, { phase: 'parsing', startedAt: new Date(), rowsRead: 0, rowsValid: 0, rowsRejected: 0, rowsImported: 0, created: 0, updated: 0 });

    let read = 0;
    let valid = 0;
    let rejected = 0;
    let stored = 0;
    let columns: ColumnMap | null = null;
    let headerProblem: string | null = null;
    const rowOpts = { defaultRegion: options.region ?? this.config.DEFAULT_PHONE_REGION, unknownColumns: options.unknownColumns };
    const source = decodeToUtf8(this.imports.chunks(importId), options.encoding);
    const records: AsyncGenerator<SourceRecord> =
      imp.format === 'csv'
        ? csvRecords(source, {
            delimiter: options.delimiter,
            onHeader: (h) => {
              const m = mapColumns(h.columns, options.unknownColumns);
              if (m.ok) columns = m.columns;
              else headerProblem = m.message;
            },
          })
        : ndjsonRecords(source);

    // rows serialised as soon as they are checked, outside the JS heap (see JsonRowsBuffer)
    const batch = new JsonRowsBuffer();
    let lastRow = 0;
    let errors: RowError[] = [];
    // A valid-only import that writes is applied while the file is still being read: staged ranges are
    // upserted behind the parser (rows repeating an earlier externalId left out, rejected at the end), so the
    // database applies one part while the worker parses the next. A dry run or an all-or-nothing import
    // must see every row first, and applies afterwards.
    const streaming = imp.mode === 'valid-only' && !imp.dryRun;
    let created = 0;
    let updated = 0;
    let staged = 0; // rows numbered up to this are staged
    let applied = 0; // … and up to this applied
    let applying: Promise<void> = Promise.resolve();
    const applyUpTo = (to: number) => {
      applying = applying.then(async () => {
        for (let from = applied; from < to; from = applied) {
          const end = Math.min(to, from + APPLY_RANGE);
          const r = await this.imports.applyRange(importId, from, end, undefined, true);
          created += r.created;
          updated += r.updated;
          applied = end;
          await this.imports.update(importId, { rowsImported: created + updated, created, updated });
          await onProgress?.({ rowsRead: read, rowsImported: created + updated });
        }
      });
      applying.catch(() => undefined); // awaited before the next range is queued and at the end
    };

    // One batch is written while the next is parsed: the database and the parser overlap instead of taking turns.
    let writing: Promise<void> = Promise.resolve();
    const flush = async () => {
      const rows = batch.count ? batch.take() : null;
      const errs = errors;
      const upTo = lastRow;
      const progress = { rowsRead: read, rowsValid: valid, rowsRejected: rejected };
      errors = [];
      await writing;
      writing = (async () => {
        if (rows) await this.imports.stage(importId, rows);
        stored += await this.imports.addErrors(importId, errs, stored);
        await this.imports.update(importId, progress);
        await onProgress?.({ rowsRead: progress.rowsRead, rowsImported: created + updated });
        staged = upTo;
        if (streaming && staged - applied >= APPLY_RANGE) {
          await applying; // bounded: the parser waits rather than queueing more ranges than the database applies
          applyUpTo(staged - ((staged - applied) % APPLY_RANGE));
        }
      })();
      writing.catch(() => undefined); // awaited at the next flush or at the end
    };

    try {
      for await (const rec of records) {
        if (headerProblem) return this.fail(importId, `line 1: ${headerProblem}`);
        read++;
        lastRow = rec.row;
        const checked = checkRecord(rec, columns, rowOpts);
        if (checked.ok) {
          valid++;
          batch.push(JSON.stringify(checked.row));
        } else {
          rejected++;
          errors.push(...checked.errors);
        }
        if (batch.count + errors.length >= this.config.IMPORT_BATCH_SIZE) await flush();
      }
      if (headerProblem) return this.fail(importId, `line 1: ${headerProblem}`);
    } catch (e) {
      await writing.catch(() => undefined);
      await applying.catch(() => undefined);
      if (e instanceof FatalReadError) {
        const failure = e.line ? `line ${e.line}: ${e.message}` : e.message;
        // a valid-only import of a big file may already have upserted ranges before the break: say so, with the counts
        if (!(created + updated)) return this.fail(importId, failure);
        return this.fail(importId, `${failure}; the ${created + updated} valid rows before it were imported`, { created, updated, rowsImported: created + updated });
      }
      throw e;
    }
    await flush();
    await writing;
    if (streaming) {
      applyUpTo(staged);
      await applying;
    }
    const tParsed = Date.now();

    const dupIds = await this.imports.rejectDuplicateIds(importId, stored);
    stored = Math.min(stored + dupIds, 10_000);
    rejected += dupIds;
    valid -= dupIds;
    await this.imports.warnDuplicateEmails(importId, stored);
    await this.imports.update(importId, { rowsRead: read, rowsValid: valid, rowsRejected: rejected });

    if (imp.mode === 'all-or-nothing' && rejected > 0) {
      return this.fail(importId, `${rejected} row(s) rejected; nothing was imported (mode all-or-nothing)`, imp.dryRun ? await this.imports.wouldApply(importId) : undefined);
    }
    if (imp.dryRun) {
      const would = await this.imports.wouldApply(importId);
      await this.finish(importId, { ...would, rowsImported: 0 });
      return success({ dryRun: true, read, ...would, rejected });
    }

    const tChecked = Date.now();
    if (!streaming) {
      await this.imports.update(importId, { phase: 'applying' });
      const max = await this.imports.maxRow(importId);
      await this.imports.transaction(async (tx) => {
        for (let from = 0; from < max; from += APPLY_RANGE) {
          const r = await this.imports.applyRange(importId, from, from + APPLY_RANGE, tx);
          created += r.created;
          updated += r.updated;
          await this.imports.update(importId, { rowsImported: created + updated, created, updated });
          await onProgress?.({ rowsRead: read, rowsImported: created + updated });
        }
      });
    }

    const tApplied = Date.now();
    await this.finish(importId, { created, updated, rowsImported: created + updated });
    this.logger.log(
      `import ${importId}: ${read} rows read, ${created} created, ${updated} updated, ${rejected} rejected ` +
        `(parse+stage${streaming ? '+apply' : ''} ${tParsed - t0} ms, duplicate checks ${tChecked - tParsed} ms, apply ${tApplied - tChecked} ms, cleanup ${Date.now() - tApplied} ms)`,
    );
    return success({ read, created, updated, rejected });
  }

  private async finish(importId: string, counts: { created: number; updated: number; rowsImported: number }): Promise<void> {
    await this.imports.cleanup(importId);
    await this.imports.update(importId, { ...counts, status: 'completed', phase: 'done', finishedAt: new Date() });
  }

  /** `counts`: what a dry run would have done, or what a valid-only import applied before a fatal error. */
  private async fail(importId: string, failure: string, counts?: { created: number; updated: number; rowsImported?: number }): Promise<JobResult> {
    await this.imports.cleanup(importId);
    await this.imports.update(importId, { status: 'failed', phase: 'done', failure, finishedAt: new Date(), rowsImported: 0, ...counts });
    return skipped(`import failed: ${failure}`);
  }
}
