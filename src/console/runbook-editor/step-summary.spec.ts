import { stepSchema } from '../../runbooks/runbook-definition';
import { duration, summariseStep } from './step-summary';

describe(summariseStep.name, () => {
  it('says who, when, on what condition, behind which approval and with which reminder', () => {
    const step = stepSchema.parse({
      id: 'notify-customers',
      audience: 'affected_customers',
      channel: 'email',
      fallbackChannels: ['sms'],
      template: 'breach-notice',
      timing: { deadline: 'gdpr-art33', beforeMinutes: 1440 },
      condition: { severityAtLeast: 'high', jurisdictionsInclude: ['EU', 'FR'] },
      approval: { role: 'commander', differentFromDeclarer: true },
      reminder: { afterMinutes: 1440, when: 'not_acknowledged' },
      meets: ['gdpr-art34'],
    });
    expect(summariseStep(step)).toEqual({
      id: 'notify-customers',
      name: null,
      who: 'the affected customers',
      channel: 'email, then sms if that fails',
      template: 'breach-notice',
      when: '1 day before the gdpr-art33 deadline',
      conditions: 'only when severity high or higher, and jurisdictions include EU or FR',
      approval: 'waits for approval by a commander other than the declarer',
      reminder: 'after 1 day if not acknowledged, remind on sms',
      meets: 'gdpr-art34',
    });
  });

  it('names the recipients of a regulator step and the milestone it follows', () => {
    const step = stepSchema.parse({
      id: 'dpa',
      audience: 'regulator',
      recipients: [{ address: 'dpa@example.org', name: 'DPA' }],
      channel: 'email',
      template: 'regulator-gdpr-art33',
      timing: { milestone: 'declared', offsetMinutes: 90 },
    });
    const s = summariseStep(step);
    expect(s.who).toBe('the regulator: DPA <dpa@example.org>');
    expect(s.when).toBe('1 h 30 min after declaration');
    expect([s.conditions, s.approval, s.reminder, s.meets]).toEqual([null, null, null, null]);
  });

  it('writes durations people read', () => {
    expect([duration(0), duration(45), duration(60), duration(2880 + 61)]).toEqual(['0 minutes', '45 min', '1 h', '2 days 1 h 1 min']);
  });
});
