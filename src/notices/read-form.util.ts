import type { Request } from 'express';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';

export const MAX_FORM_BYTES = 16 * 1024;

/**
 * The notice page's forms are plain HTML form posts (application/x-www-form-urlencoded), which the API's
 * JSON body parser leaves untouched: read them here, small and bounded. A JSON body (already parsed) is
 * accepted too, for scripted clients.
 */
export async function readForm(req: Request): Promise<Record<string, unknown>> {
  if (req.body && typeof req.body === 'object' && !Buffer.isBuffer(req.body)) return req.body as Record<string, unknown>;
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_FORM_BYTES) throw new AppException(ErrorCode.PayloadTooLarge, `A form is at most ${MAX_FORM_BYTES} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) throw new AppException(ErrorCode.PayloadTooLarge, `A form is at most ${MAX_FORM_BYTES} bytes`);
    chunks.push(chunk);
  }
  const params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  const form: Record<string, string> = {};
  for (const [k, v] of params) if (!(k in form)) form[k] = v; // the first value of a repeated field
  return form;
}
