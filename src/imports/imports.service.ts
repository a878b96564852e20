import { Inject, Injectable, Logger } from '@nestjs/common';
import { CustomerImport } from '@prisma/client';
import { parse } from 'csv-parse/sync';
import { AuditRepository } from '../audit/audit.repository';
import { Actor } from '../auth/role';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { APP_CONFIG, type AppConfig } from '../config/config.module';
import { ImportQueue } from '../queue/import-queue.service';
import { ImportRepository, MAX_STORED_ERRORS } from './import.repository';
import { formatOf, ImportOptions, StoredImportOptions } from './import-options';
import { sniffDelimiter } from './read/csv-records';
import { decodeFirst, detectEncoding } from './read/decode';
import { mapColumns } from './row/customer-row';

/** Pieces the upload is stored in. */
const CHUNK_BYTES = 1024 * 1024;
/** Row errors shown in GET /imports/{id}; all are counted. */
export const ERRORS_SHOWN = 1000;

/** The import API: takes the upload as a stream into Postgres, hands it to the worker, reports progress. */
@Injectable()
export class ImportsService {
  private readonly logger = new Logger(ImportsService.name);

  constructor(
    private readonly imports: ImportRepository,
    private readonly queue: ImportQueue,
    private readonly audit: AuditRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Streams the body into Postgres in 1 MB pieces (memory stays flat), checks a CSV header before accepting,
   * then queues the import. Anything wrong with the request itself is a 4xx and leaves nothing behind.
   */
  async upload(body: AsyncIterable<Buffer | string>, contentType: string | undefined, opts: ImportOptions, actor: Actor): Promise<CustomerImport> {
    const imp = await this.store(body, contentType, opts, actor.id);
    await this.audit.record({ actorId: actor.id, actorName: actor.name, action: 'customers.import_uploaded', entityType: 'customer_import', entityId: imp.id, data: { format: imp.format, mode: imp.mode, dryRun: imp.dryRun } });
    // if Redis is down now, the import worker's sweeper finds the queued import and adds the job
    await this.queue.enqueue(imp.id).catch((e: Error) => this.logger.warn(`import ${imp.id} not queued now (${e.message}); the worker will pick it up`));
    return imp;
  }

  /** Stores the upload and marks the import queued, without adding a job (the CLI runs the import itself). */
  async store(body: AsyncIterable<Buffer | string>, contentType: string | undefined, opts: ImportOptions, actorId: string | null): Promise<CustomerImport> {
    const format = formatOf(contentType, opts.format);
    if (!format) {
      throw new AppException(ErrorCode.UnsupportedMediaType, 'Send the file as text/csv or application/x-ndjson (or say format=csv|ndjson)');
    }
    const stored: StoredImportOptions = { delimiter: opts.delimiter, region: opts.region, unknownColumns: opts.unknownColumns, encoding: opts.encoding };
    const imp = await this.imports.create({
      format,
      mode: opts.mode,
      dryRun: opts.dryRun,
      options: JSON.parse(JSON.stringify(stored)),
      createdBy: actorId,
    });
    let bytes = 0;
    let seq = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let headerChecked = format !== 'csv';
    const writePending = async () => {
      if (!pendingBytes) return;
      const buf = Buffer.concat(pending);
      pending = [];
      pendingBytes = 0;
      if (seq === 0) stored.encoding ??= detectEncoding(buf);
      if (!headerChecked) {
        this.checkCsvHeader(decodeFirst(buf, stored.encoding), stored);
        headerChecked = true;
      }
      await this.imports.appendChunk(imp.id, seq++, buf);
    };
    try {
      for await (const part of body) {
        const buf = typeof part === 'string' ? Buffer.from(part) : part;
        bytes += buf.length;
        if (bytes > this.config.IMPORT_MAX_BYTES) {
          throw new AppException(ErrorCode.PayloadTooLarge, `The file is larger than IMPORT_MAX_BYTES (${this.config.IMPORT_MAX_BYTES} bytes); split it`);
        }
        pending.push(buf);
        pendingBytes += buf.length;
        if (pendingBytes >= CHUNK_BYTES) await writePending();
      }
      await writePending();
      if (!bytes) throw new AppException(ErrorCode.ValidationFailed, 'The body is empty: send the file as the request body');
    } catch (e) {
      await this.imports.remove(imp.id);
      if (e instanceof AppException) throw e;
      const err = e as Error & { code?: string };
      if (err.code === 'ECONNRESET' || err.message === 'aborted') {
        throw new AppException(ErrorCode.ValidationFailed, 'The upload was interrupted before the end of the file; nothing was imported');
      }
      throw e;
    }
    const options = JSON.parse(JSON.stringify(stored));
    await this.imports.update(imp.id, { phase: 'queued', bytes, options });
    return { ...imp, options, phase: 'queued', bytes: BigInt(bytes) };
  }

  /** The header is in the first piece: a file the worker would refuse as a whole is refused now, with a 4xx. */
  private checkCsvHeader(first: Buffer, opts: StoredImportOptions): void {
    const end = first.indexOf(0x0a);
    const line = first.subarray(0, end === -1 ? Math.min(first.length, 64 * 1024) : end);
    let header: string[];
    try {
      const records = parse(line, { bom: true, delimiter: opts.delimiter ?? sniffDelimiter(first), relax_quotes: true, relax_column_count: true }) as string[][];
      header = records[0] ?? [];
    } catch (e) {
      throw new AppException(ErrorCode.ImportInvalid, `line 1: the header row cannot be read: ${(e as Error).message}`);
    }
    const m = mapColumns(header, opts.unknownColumns);
    if (!m.ok) throw new AppException(ErrorCode.ImportInvalid, `line 1: ${m.message}`);
  }

  async get(id: string) {
    const imp = await this.imports.find(id);
    if (!imp) throw AppException.notFound('Import', id);
    const [errors, warnings, counts] = await Promise.all([
      this.imports.errors(id, 'error', ERRORS_SHOWN),
      this.imports.errors(id, 'warning', ERRORS_SHOWN),
      this.imports.errorCounts(id),
    ]);
    return {
      id: imp.id,
      status: imp.status,
      phase: imp.phase,
      format: imp.format,
      mode: imp.mode,
      dryRun: imp.dryRun,
      bytes: Number(imp.bytes),
      rowsRead: imp.rowsRead,
      rowsImported: imp.rowsImported,
      rowsRejected: imp.rowsRejected,
      /** in a dry run: what would be created and updated */
      created: imp.created,
      updated: imp.updated,
      failure: imp.failure,
      errors,
      warnings,
      /** true when more errors exist than are listed (all are counted in rowsRejected; at most MAX_STORED_ERRORS are kept) */
      errorsTruncated: counts.errors > errors.length || counts.errors >= MAX_STORED_ERRORS,
      warningsTruncated: counts.warnings > warnings.length,
      createdAt: imp.createdAt,
      startedAt: imp.startedAt,
      finishedAt: imp.finishedAt,
    };
  }
}
