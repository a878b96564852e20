import { plainReason } from './plain-reason.util';

describe(plainReason.name, () => {
  it.each([
    ['5.1.1 550 5.1.1 <gone@remote.test>: Recipient address rejected: User unknown', 'the address does not exist'],
    ['550 No such user here', 'the address does not exist'],
    ['5.2.2 552 5.2.2 <full@remote.test>: Mailbox full, quota exceeded', 'the mailbox is full'],
    ['5.3.0 500 5.3.0 Error: command failed', 'rejected by their server'],
    ['5.7.1 554 5.7.1 Message rejected as spam', 'rejected by their server (it refused our message)'],
    ['4.4.1 connect to 127.0.0.1[127.0.0.1]:2599: Connection refused', 'their server could not be reached'],
    ['4.4.7 delivery time expired', 'their server could not be reached before we gave up'],
    ['SMS undelivered: error 30006 (landline or unreachable carrier)', 'the number cannot receive text messages'],
    ['suppressed: hard bounce: 5.1.1 unknown user', 'not sent: this address failed before (or the customer reported our mail as spam), so it is not tried again'],
    ['customer has no email address', 'we have no address for this channel on file'],
    ['complaint: reported by the provider', 'they reported our mail as spam'],
    ['something odd happened', 'the message could not be delivered'],
  ])('says %j as %j', (raw, plain) => expect(plainReason(raw)).toBe(plain));

  it('has nothing to explain without an error', () => {
    expect(plainReason(null)).toBeNull();
    expect(plainReason('  ')).toBeNull();
  });
});
