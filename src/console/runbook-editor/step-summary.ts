// A runbook step as a sentence per aspect (who, channel, template, when, conditions, approval, reminder),
// so the people editing the JSON see what the plan will actually do.
import { RunbookStep } from '../../runbooks/runbook-definition';

export interface StepSummary {
  id: string;
  name: string | null;
  who: string;
  channel: string;
  template: string;
  when: string;
  conditions: string | null;
  approval: string | null;
  reminder: string | null;
  meets: string | null;
}

const AUDIENCE: Record<RunbookStep['audience'], string> = {
  affected_customers: 'the affected customers',
  regulator: 'the regulator',
  internal: 'the internal team',
  list: 'a list of recipients',
};

/** 0 → "0 minutes", 90 → "1 h 30 min", 2880 → "2 days". */
export function duration(minutes: number): string {
  if (minutes === 0) return '0 minutes';
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts = [d ? `${d} day${d === 1 ? '' : 's'}` : '', h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean);
  return parts.join(' ');
}

function who(step: RunbookStep): string {
  const base = AUDIENCE[step.audience];
  if (step.audience === 'affected_customers') return step.filter ? `${base} matching ${JSON.stringify(step.filter)}` : base;
  const r = step.recipients ?? [];
  if (!r.length) return `${base} (no recipients yet)`;
  const names = r.slice(0, 3).map((x) => {
    const to = 'address' in x ? x.address : 'webhook' in x ? x.webhook : '';
    return x.name ? `${x.name} <${to}>` : to;
  });
  return `${base}: ${names.join(', ')}${r.length > 3 ? ` and ${r.length - 3} more` : ''}`;
}

function when(step: RunbookStep): string {
  const t = step.timing;
  if ('milestone' in t) {
    const m = t.milestone === 'aware' ? 'awareness' : t.milestone === 'declared' ? 'declaration' : t.milestone === 'resolved' ? 'resolution' : 'confirmation';
    return t.offsetMinutes ? `${duration(t.offsetMinutes)} after ${m}` : `at ${m}`;
  }
  return t.beforeMinutes ? `${duration(t.beforeMinutes)} before the ${t.deadline} deadline` : `by the ${t.deadline} deadline`;
}

function conditions(step: RunbookStep): string | null {
  const c = step.condition;
  if (!c) return null;
  const parts = [
    c.severityAtLeast ? `severity ${c.severityAtLeast} or higher` : '',
    c.jurisdictionsInclude ? `jurisdictions include ${c.jurisdictionsInclude.join(' or ')}` : '',
    c.typeIn ? `type is ${c.typeIn.join(' or ')}` : '',
  ].filter(Boolean);
  return parts.length ? `only when ${parts.join(', and ')}` : null;
}

export function summariseStep(step: RunbookStep): StepSummary {
  return {
    id: step.id,
    name: step.name ?? null,
    who: who(step),
    channel:
      (step.fallbackChannels.length ? `${step.channel}, then ${step.fallbackChannels.join(', then ')} if that fails` : step.channel) +
      (step.urgent === false ? ' (not urgent: SMS wait out quiet hours)' : ''),
    template: step.template,
    when: when(step),
    conditions: conditions(step),
    approval: step.approval ? `waits for approval by a ${step.approval.role}${step.approval.differentFromDeclarer ? ' other than the declarer' : ''}` : null,
    reminder: step.reminder
      ? `after ${duration(step.reminder.afterMinutes)} if ${step.reminder.when === 'not_delivered' ? 'not delivered' : 'not acknowledged'}, remind on ${step.reminder.channel ?? step.fallbackChannels[0] ?? '(no channel)'}`
      : null,
    meets: step.meets.length ? step.meets.join(', ') : null,
  };
}
