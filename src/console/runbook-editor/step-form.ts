// The runbook editor's form per step: a runbook definition as flat HTML form fields (`s0.id`, `s0.timingKind`,
// …) and back. No rule lives here: the object built from the form is validated by the runbook schema, and
// publish checks it as it checks any draft.
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-code';

export interface StepForm {
  id: string;
  name: string;
  audience: string;
  recipients: string;
  filter: string;
  channel: string;
  fallbackChannels: string;
  template: string;
  /** the remedy offer's key (#20), empty for none */
  offer: string;
  /** email: the Reply-To of the step's notices, empty for the default (MAIL_REPLY_TO) */
  replyTo: string;
  timingKind: 'milestone' | 'deadline';
  milestone: string;
  offsetMinutes: string;
  deadline: string;
  beforeMinutes: string;
  severityAtLeast: string;
  jurisdictionsInclude: string;
  typeIn: string;
  approvalRole: string;
  differentFromDeclarer: boolean;
  reminderAfterMinutes: string;
  reminderWhen: string;
  reminderChannel: string;
  meets: string[];
  maxLatenessMinutes: string;
  /** false: its SMS wait out the customer's quiet hours */
  urgent: boolean;
}

export interface RunbookForm {
  name: string;
  description: string;
  defaultLocale: string;
  locales: string;
  steps: StepForm[];
}

export const MAX_FORM_STEPS = 100;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const text = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : String(v));
const list = (v: unknown): string => (Array.isArray(v) ? v.map(text).join(', ') : text(v));

export const emptyStep = (n: number): StepForm => ({
  id: `step-${n}`,
  name: '',
  audience: 'affected_customers',
  recipients: '',
  filter: '',
  channel: 'email',
  fallbackChannels: '',
  template: '',
  offer: '',
  replyTo: '',
  timingKind: 'milestone',
  milestone: 'declared',
  offsetMinutes: '0',
  deadline: '',
  beforeMinutes: '0',
  severityAtLeast: '',
  jurisdictionsInclude: '',
  typeIn: '',
  approvalRole: '',
  differentFromDeclarer: false,
  reminderAfterMinutes: '',
  reminderWhen: 'not_acknowledged',
  reminderChannel: '',
  meets: [],
  maxLatenessMinutes: '',
  urgent: true,
});

/** `Name <target>` per line; a target is an email address or `webhook:<endpoint key>`. */
function recipientsToText(v: unknown): string {
  if (!Array.isArray(v)) return '';
  return v
    .map((r) => {
      const o = obj(r);
      const target = o.webhook !== undefined ? `webhook:${text(o.webhook)}` : text(o.address);
      return o.name ? `${text(o.name)} <${target}>` : target;
    })
    .join('\n');
}

function recipientsFromText(v: string): Obj[] | undefined {
  const lines = v.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (!lines.length) return undefined;
  return lines.map((line) => {
    const m = /^(.*?)\s*<([^<>]+)>$/.exec(line);
    const name = m ? m[1].trim() : '';
    const target = (m ? m[2] : line).trim();
    const to = target.startsWith('webhook:') ? { webhook: target.slice('webhook:'.length) } : { address: target };
    return name ? { ...to, name } : to;
  });
}

export function stepToForm(raw: unknown, n: number): StepForm {
  const s = obj(raw);
  const timing = obj(s.timing);
  const condition = obj(s.condition);
  const approval = obj(s.approval);
  const reminder = obj(s.reminder);
  const base = emptyStep(n);
  return {
    ...base,
    id: text(s.id),
    name: text(s.name),
    audience: text(s.audience) || base.audience,
    recipients: recipientsToText(s.recipients),
    filter: s.filter === undefined ? '' : JSON.stringify(s.filter),
    channel: text(s.channel) || base.channel,
    fallbackChannels: list(s.fallbackChannels),
    template: text(s.template),
    offer: text(s.offer),
    replyTo: text(s.replyTo),
    timingKind: timing.deadline !== undefined ? 'deadline' : 'milestone',
    milestone: text(timing.milestone) || base.milestone,
    offsetMinutes: text(timing.offsetMinutes ?? 0),
    deadline: text(timing.deadline),
    beforeMinutes: text(timing.beforeMinutes ?? 0),
    severityAtLeast: text(condition.severityAtLeast),
    jurisdictionsInclude: list(condition.jurisdictionsInclude),
    typeIn: list(condition.typeIn),
    approvalRole: text(approval.role),
    differentFromDeclarer: approval.differentFromDeclarer === true,
    reminderAfterMinutes: text(reminder.afterMinutes),
    reminderWhen: text(reminder.when) || base.reminderWhen,
    reminderChannel: text(reminder.channel),
    meets: Array.isArray(s.meets) ? s.meets.map(text) : [],
    maxLatenessMinutes: text(s.maxLatenessMinutes),
    urgent: s.urgent !== false,
  };
}

export function definitionToForm(raw: unknown): RunbookForm {
  const d = obj(raw);
  return {
    name: text(d.name),
    description: text(d.description),
    defaultLocale: text(d.defaultLocale) || 'en',
    locales: list(d.locales),
    steps: (Array.isArray(d.steps) ? d.steps : []).map((s, i) => stepToForm(s, i + 1)),
  };
}

/** The posted fields as the form values (to show again) — `s<i>.<field>` for step i. */
export function readRunbookForm(body: Obj): RunbookForm {
  const count = Math.min(MAX_FORM_STEPS, Math.max(0, Number.parseInt(text(body.stepCount), 10) || 0));
  const steps: StepForm[] = [];
  for (let i = 0; i < count; i++) {
    const f = (name: string) => text(body[`s${i}.${name}`]);
    const meets = body[`s${i}.meets`];
    steps.push({
      id: f('id').trim(),
      name: f('name'),
      audience: f('audience'),
      recipients: f('recipients'),
      filter: f('filter'),
      channel: f('channel'),
      fallbackChannels: f('fallbackChannels'),
      template: f('template').trim(),
      offer: f('offer').trim(),
      replyTo: f('replyTo').trim(),
      timingKind: f('timingKind') === 'deadline' ? 'deadline' : 'milestone',
      milestone: f('milestone'),
      offsetMinutes: f('offsetMinutes'),
      deadline: f('deadline'),
      beforeMinutes: f('beforeMinutes'),
      severityAtLeast: f('severityAtLeast'),
      jurisdictionsInclude: f('jurisdictionsInclude'),
      typeIn: f('typeIn'),
      approvalRole: f('approvalRole'),
      differentFromDeclarer: f('differentFromDeclarer') === 'on' || f('differentFromDeclarer') === 'true',
      reminderAfterMinutes: f('reminderAfterMinutes'),
      reminderWhen: f('reminderWhen'),
      reminderChannel: f('reminderChannel'),
      meets: (Array.isArray(meets) ? meets : meets === undefined ? [] : [meets]).map(text).filter(Boolean),
      maxLatenessMinutes: f('maxLatenessMinutes'),
      urgent: f('urgent') === 'on' || f('urgent') === 'true',
    });
  }
  return { name: text(body.name), description: text(body.description), defaultLocale: text(body.defaultLocale), locales: text(body.locales), steps };
}

const csv = (v: string) => v.split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean);
/** a number when the box holds one, the text otherwise (so the schema names the field), nothing when empty */
const num = (v: string): number | string | undefined => (v.trim() === '' ? undefined : /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : v);
const defined = (o: Obj): Obj => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== ''));

/** The form values as a runbook definition object, for the runbook schema to validate. */
export function formToDefinition(f: RunbookForm): Obj {
  return defined({
    name: f.name,
    description: f.description.trim() || undefined,
    defaultLocale: f.defaultLocale.trim() || undefined,
    locales: csv(f.locales).length ? csv(f.locales) : undefined,
    steps: f.steps.map((s, i) => {
      let filter: unknown;
      if (s.filter.trim()) {
        try {
          filter = JSON.parse(s.filter);
        } catch (e) {
          throw new AppException(ErrorCode.ValidationFailed, `Step ${s.id || i + 1}: the filter is not valid JSON`, [
            { step: s.id || `step ${i + 1}`, field: 'filter', message: `not valid JSON: ${(e as Error).message}` },
          ]);
        }
      }
      const condition = defined({
        severityAtLeast: s.severityAtLeast || undefined,
        jurisdictionsInclude: csv(s.jurisdictionsInclude).length ? csv(s.jurisdictionsInclude).map((j) => j.toUpperCase()) : undefined,
        typeIn: csv(s.typeIn).length ? csv(s.typeIn) : undefined,
      });
      return defined({
        id: s.id,
        name: s.name.trim() || undefined,
        audience: s.audience,
        recipients: recipientsFromText(s.recipients),
        filter,
        channel: s.channel,
        fallbackChannels: csv(s.fallbackChannels).length ? csv(s.fallbackChannels) : undefined,
        template: s.template,
        offer: s.offer || undefined,
        replyTo: s.replyTo || undefined,
        timing: s.timingKind === 'deadline' ? defined({ deadline: s.deadline, beforeMinutes: num(s.beforeMinutes) }) : defined({ milestone: s.milestone, offsetMinutes: num(s.offsetMinutes) }),
        condition: Object.keys(condition).length ? condition : undefined,
        approval: s.approvalRole ? { role: s.approvalRole, differentFromDeclarer: s.differentFromDeclarer } : undefined,
        reminder: s.reminderAfterMinutes.trim() ? defined({ afterMinutes: num(s.reminderAfterMinutes), when: s.reminderWhen, channel: s.reminderChannel || undefined }) : undefined,
        meets: s.meets.length ? s.meets : undefined,
        maxLatenessMinutes: num(s.maxLatenessMinutes),
        urgent: s.urgent ? undefined : false,
      });
    }),
  });
}
