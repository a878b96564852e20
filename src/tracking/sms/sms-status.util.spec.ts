import { kindOfSmsStatus, NUMBER_ERRORS, smsFailureReason } from './sms-status.util';

describe(kindOfSmsStatus.name, () => {
  it('reads delivered as delivered, undelivered and failed as a final failure, progress as progress, anything else as unknown', () => {
    expect(kindOfSmsStatus('delivered')).toBe('delivered');
    expect(kindOfSmsStatus('undelivered')).toBe('failed');
    expect(kindOfSmsStatus('failed')).toBe('failed');
    for (const s of ['queued', 'sending', 'sent', 'accepted', 'scheduled']) expect(kindOfSmsStatus(s)).toBe('accepted');
    expect(kindOfSmsStatus('receiving')).toBe('unknown');
  });
});

describe(smsFailureReason.name, () => {
  it('names the status, the code and what a known code means', () => {
    expect(smsFailureReason('undelivered', '30006')).toBe('SMS undelivered: error 30006 (landline or unreachable carrier)');
    expect(smsFailureReason('failed', '99999')).toBe('SMS failed: error 99999');
    expect(smsFailureReason('failed', undefined)).toBe('SMS failed (no error code)');
  });

  it('suppresses the number only for codes about the number itself, not for a handset that is off', () => {
    expect('21211' in NUMBER_ERRORS).toBe(true);
    expect('21610' in NUMBER_ERRORS).toBe(true);
    expect('30003' in NUMBER_ERRORS).toBe(false);
  });
});
