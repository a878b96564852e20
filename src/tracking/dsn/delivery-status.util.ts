/**
 * The fields of an RFC 3464 `message/delivery-status` body: one block of per-message fields, then one block
 * per recipient, separated by blank lines; each block is header-style `Name: value` with folded lines.
 */
export interface RecipientStatus {
  finalRecipient: string | null;
  originalRecipient: string | null;
  /** the remote server that answered (`dns; mx.example.org`), when the reporting MTA relayed the message */
  remoteMta: string | null;
  action: string | null;
  status: string | null;
  diagnosticCode: string | null;
  lastAttemptDate: string | null;
}

export function parseDeliveryStatus(body: string): { perMessage: Map<string, string>; recipients: RecipientStatus[] } {
  const blocks = body
    .replace(/\r\n/g, '\n')
    .split(/\n[ \t]*\n/)
    .map(parseFields)
    .filter((b) => b.size > 0);
  const perMessage = blocks[0] && !blocks[0].has('action') ? blocks.shift()! : new Map<string, string>();
  const recipients = blocks
    .filter((b) => b.has('action') || b.has('status') || b.has('final-recipient'))
    .map((b) => ({
      finalRecipient: b.get('final-recipient') ?? null,
      originalRecipient: b.get('original-recipient') ?? null,
      remoteMta: b.get('remote-mta') ?? null,
      action: b.get('action')?.toLowerCase() ?? null,
      status: /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(b.get('status') ?? '')?.[1] ?? null,
      diagnosticCode: b.get('diagnostic-code') ?? null,
      lastAttemptDate: b.get('last-attempt-date') ?? null,
    }));
  return { perMessage, recipients };
}

function parseFields(block: string): Map<string, string> {
  const fields = new Map<string, string>();
  let last: string | null = null;
  for (const line of block.split('\n')) {
    if (/^[ \t]/.test(line) && last) {
      fields.set(last, `${fields.get(last)} ${line.trim()}`);
      continue;
    }
    const m = /^([A-Za-z0-9-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    last = m[1].toLowerCase();
    if (!fields.has(last)) fields.set(last, m[2].trim());
  }
  return fields;
}
