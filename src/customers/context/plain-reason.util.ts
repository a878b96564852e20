// What an agent can say to a caller about a failed notice: a plain reason read from the stored error (an
// SMTP reply, a DSN's status and diagnostic, an SMS provider's code or Tocsin's own suppression note). The
// raw text stays available behind a disclosure in the console; this is only its translation.

interface Rule {
  test: RegExp;
  say: string;
}

// First match wins: specific causes before the generic status classes.
const RULES: Rule[] = [
  { test: /^customer has no (email address|phone number)/i, say: 'we have no address for this channel on file' },
  { test: /^complaint\b/i, say: 'they reported our mail as spam' },
  { test: /^suppressed: (hard bounce|complaint|invalid number)/i, say: 'not sent: this address failed before (or the customer reported our mail as spam), so it is not tried again' },
  { test: /^suppressed/i, say: 'not sent: this address is blocked after an earlier failure' },
  { test: /30003|30005|30006|landline|unreachable carrier|not a mobile|invalid (phone )?number|unknown destination/i, say: 'the number cannot receive text messages' },
  { test: /\b5\.1\.[16]\b|no such user|user unknown|unknown user|does not exist|recipient address rejected|mailbox unavailable|invalid recipient/i, say: 'the address does not exist' },
  { test: /\b[45]\.2\.2\b|mailbox (is )?full|over quota|quota exceeded|insufficient storage/i, say: 'the mailbox is full' },
  { test: /\b5\.1\.2\b|host or domain name not found|domain not found|no mx|name service error/i, say: "the address's domain does not exist" },
  { test: /\b5\.7\.\d+\b|spam|blocked|blacklist|blocklist|policy|not authori[sz]ed|access denied/i, say: 'rejected by their server (it refused our message)' },
  { test: /\b4\.4\.7\b|expired|queue lifetime|too long in queue|delivery time exceeded/i, say: 'their server could not be reached before we gave up' },
  { test: /\b4\.4\.[12]\b|connection refused|timed out|timeout|could not connect|connection (lost|reset)|unreachable/i, say: 'their server could not be reached' },
  { test: /\b5\.\d{1,3}\.\d{1,3}\b|^5\d\d\b|\s5\d\d\s/, say: 'rejected by their server' },
  { test: /\b4\.\d{1,3}\.\d{1,3}\b|^4\d\d\b/, say: 'temporarily refused by their server' },
];

/** The plain reason for a stored notice error, or null when there is no error to explain. */
export function plainReason(error: string | null | undefined): string | null {
  const raw = (error ?? '').trim();
  if (!raw) return null;
  return RULES.find((r) => r.test.test(raw))?.say ?? 'the message could not be delivered';
}
