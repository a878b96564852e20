import { readFileSync } from 'node:fs';
import path from 'node:path';
import { kindOf, parseEmailReport } from './email-report.parser';

const sample = (name: string) => readFileSync(path.join(__dirname, '../../../test/fixtures/dsn', name));

describe(parseEmailReport.name, () => {
  it('reads a real Postfix hard bounce (5.1.1) and finds the notification in the returned message', async () => {
    const e = await parseEmailReport(sample('postfix-hard-bounce-5.1.1.eml'));
    expect(e).toMatchObject({ source: 'dsn', kind: 'hard_bounce', status: '5.1.1', notificationId: '11111111-2222-4333-8444-555555555555' });
    expect(e.reason).toContain('unknown user');
    expect(e.raw).toContain('Undelivered Mail Returned to Sender');
  });

  it('reads a real Postfix delay warning (4.4.1) as a soft bounce, from the returned headers only', async () => {
    const e = await parseEmailReport(sample('postfix-delayed-4.4.1.eml'));
    expect(e).toMatchObject({ kind: 'soft_bounce', status: '4.4.1', notificationId: '66666666-7777-4888-9999-aaaaaaaaaaaa' });
  });

  it('does not take a DSN for an automatic reply although MTAs mark it Auto-Submitted', async () => {
    const raw = sample('postfix-hard-bounce-5.1.1.eml').toString();
    expect(raw).toMatch(/^Auto-Submitted: auto-replied$/m);
    expect((await parseEmailReport(Buffer.from(raw))).kind).toBe('hard_bounce');
  });

  it('reads an out-of-office reply as an automatic reply and finds the notice it answers', async () => {
    const e = await parseEmailReport(sample('exchange-out-of-office.eml'));
    expect(e).toMatchObject({ kind: 'auto_reply', notificationId: 'a9b8c7d6-e5f4-4a3b-8c2d-1e0f9a8b7c6d', status: null });
  });

  it('reads a vacation(1) reply by its subject; it names no notice', async () => {
    const e = await parseEmailReport(sample('vacation-auto-reply.eml'));
    expect(e).toMatchObject({ kind: 'auto_reply', notificationId: null });
  });

  it('reads a plain-text bounce with X-Failed-Recipients and the original headers pasted in', async () => {
    const e = await parseEmailReport(sample('gmail-style-plain-bounce.eml'));
    expect(e).toMatchObject({ kind: 'hard_bounce', status: '5.1.1', notificationId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' });
  });

  it('reads a real Postfix success report (NOTIFY=SUCCESS) as delivered', async () => {
    const e = await parseEmailReport(sample('postfix-delivered-2.0.0.eml'));
    expect(e).toMatchObject({ kind: 'delivered', status: '2.0.0', notificationId: 'aaaaaaaa-0000-4000-8000-000000000001' });
  });

  it('reads a remote 5.1.1 rejection relayed by Postfix, naming the remote server', async () => {
    const e = await parseEmailReport(sample('postfix-remote-5.1.1.eml'));
    expect(e).toMatchObject({ kind: 'hard_bounce', status: '5.1.1', notificationId: 'bbbbbbbb-0000-4000-8000-000000000002' });
    expect(e.reason).toMatch(/^5\.1\.1 550 5\.1\.1 <gone@remote\.test>: Recipient address rejected.*\(remote server 127\.0\.0\.1\)$/);
  });

  it('takes Action: failed with a 4.x.x status as final (failed), not as a soft bounce: Postfix gave up after its queue lifetime', async () => {
    const local = await parseEmailReport(sample('postfix-expired-4.4.1.eml'));
    expect(local).toMatchObject({ kind: 'failed', status: '4.4.1', notificationId: 'eeeeeeee-0000-4000-8000-000000000005' });
    expect(local.reason).toContain('Connection refused');
    const remote = await parseEmailReport(sample('postfix-expired-remote-4.2.2.eml'));
    expect(remote).toMatchObject({ kind: 'failed', status: '4.2.2', notificationId: '12121212-0000-4000-8000-000000000007' });
  });

  it('decides by the action first, whatever the status class', () => {
    expect(kindOf({ action: 'failed', status: '4.4.7' })).toBe('failed');
    expect(kindOf({ action: 'failed', status: '5.1.1' })).toBe('hard_bounce');
    expect(kindOf({ action: 'failed', status: null })).toBe('hard_bounce');
    expect(kindOf({ action: 'delayed', status: '4.4.7' })).toBe('soft_bounce');
    expect(kindOf({ action: 'delivered', status: '2.0.0' })).toBe('delivered');
    expect(kindOf({ action: 'expanded', status: '2.0.0' })).toBe('delivered');
    // relayed to a server that does not report success: accepted further down, not delivered (RFC 3464 §2.3.3)
    expect(kindOf({ action: 'relayed', status: '2.0.0' })).toBe('accepted');
    expect(kindOf({ action: null, status: '5.7.1' })).toBe('hard_bounce');
  });

  it('picks our recipient out of a multi-recipient DSN (ours is the second block)', async () => {
    const e = await parseEmailReport(sample('postfix-multi-recipient.eml'));
    expect(e).toMatchObject({ kind: 'hard_bounce', status: '5.1.1', notificationId: '14141414-0000-4000-8000-000000000009' });
    expect(e.reason).toContain('<gone@remote.test>');
  });

  it('calls anything else unknown rather than guessing', async () => {
    const e = await parseEmailReport(Buffer.from('From: someone@example.org\r\nSubject: hello\r\n\r\nI did not get it, 5.1.1 perhaps?\r\n'));
    expect(e).toMatchObject({ kind: 'unknown', notificationId: null });
  });

  it('caps the evidence it keeps and strips NUL bytes', async () => {
    const e = await parseEmailReport(Buffer.concat([Buffer.from('Subject: x\r\n\r\n\u0000'), Buffer.alloc(300 * 1024, 'a')]));
    expect(e.raw).not.toContain('\u0000');
    expect(e.raw).toMatch(/truncated by Tocsin/);
  });
});
