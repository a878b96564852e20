import { Injectable } from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository';
import { Actor } from '../auth/role';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { TemplateRepository } from '../templates/template.repository';
import { canonicalClockId, clockById, HOURS_FROM_AWARENESS, LEGACY_CLOCK_IDS } from '../incidents/clocks/regulatory-clocks';
import { CHANNELS, SENDABLE_CHANNELS } from '../templates/dto/template.dto';
import { RunbookDefinition, runbookDefinitionSchema, RunbookStep } from './runbook-definition';
import { GateRemovalPolicy } from './gate-removal';
import { PublishRenderCheck } from './publish-render-check';
import { RunbookRepository } from './runbook.repository';
import { LibraryEntry, loadRunbookLibrary } from './library/runbook-library';
import { webhookEndpointProblems, webhookStepProblems } from './webhook-step-problems';
import { WebhookEndpointRepository } from '../webhook-endpoints/webhook-endpoint.repository';

export interface RunbookProblem {
  step: string | null;
  field: string;
  message: string;
}

/** Problems of one step on its own: audience and recipients, reminder and fallback, timing against its deadlines. */
export function stepProblems(step: RunbookStep): RunbookProblem[] {
  const out: RunbookProblem[] = [];
  const p = (field: string, message: string) => out.push({ step: step.id, field, message });
  const toCustomers = step.audience === 'affected_customers';
  if (!(SENDABLE_CHANNELS as readonly string[]).includes(step.channel)) {
    p('channel', (CHANNELS as readonly string[]).includes(step.channel) ? `channel '${step.channel}' cannot be sent by runbook steps yet (email, sms and webhook only)` : `unknown channel '${step.channel}'`);
  }
  if (toCustomers && step.recipients?.length) p('recipients', 'affected_customers steps take no recipients (use filter to narrow the population)');
  if (!toCustomers && !step.recipients?.length) p('recipients', `a ${step.audience} step needs recipients`);
  if (!toCustomers && step.filter) p('filter', 'only affected_customers steps take a filter');
  if (step.reminder && !toCustomers) p('reminder', 'only affected_customers steps take a reminder (it follows each customer\'s notice page and delivery)');
  if (step.reminder?.channel && !(SENDABLE_CHANNELS as readonly string[]).includes(step.reminder.channel)) p('reminder', `a reminder cannot be sent on '${step.reminder.channel}' (not a channel steps can send)`);
  if ((step.fallbackChannels as string[]).includes(step.channel)) p('fallbackChannels', `the fallback channels repeat the step's own channel '${step.channel}'`);
  const offset = 'milestone' in step.timing ? step.timing.offsetMinutes : null;
  if (step.meets.length && (step.audience === 'internal' || step.audience === 'list')) {
    p('meets', `an ${step.audience} step never meets a clock (telling legal to file is not filing): remove meets and record the filing with POST /incidents/{id}/clocks/{clock}/submissions`);
  }
  for (const clock of step.meets.map(canonicalClockId)) {
    const hours = HOURS_FROM_AWARENESS[clock as keyof typeof HOURS_FROM_AWARENESS];
    // every milestone comes at or after awareness, so an offset beyond the deadline can never meet it
    if (hours !== undefined && offset !== null && offset > hours * 60) {
      p('timing', `scheduled ${offset} minutes after ${(step.timing as { milestone: string }).milestone}, later than the ${clock} deadline (${hours} h from awareness)`);
    }
    if ('deadline' in step.timing && canonicalClockId(step.timing.deadline) !== clock && !step.meets.map(canonicalClockId).includes(canonicalClockId(step.timing.deadline))) {
      p('timing', `timed against ${step.timing.deadline} but meets ${clock}`);
    }
  }
  return out;
}

/**
 * What publishing allows but the author should know: a step that meets a clock and can come due after it
 * (timed from `confirmed`, which has no limit, or from a milestone unrelated to when its clock starts),
 * and clock ids renamed since the runbook was written.
 */
export function stepWarnings(step: RunbookStep): RunbookProblem[] {
  const out: RunbookProblem[] = [];
  const w = (field: string, message: string) => out.push({ step: step.id, field, message });
  for (const id of [...step.meets, ...('deadline' in step.timing ? [step.timing.deadline] : [])]) {
    if (id in LEGACY_CLOCK_IDS) w('meets', `${id} is now ${canonicalClockId(id)} (HHS, 500 or more in total) and hipaa-media (more than 500 residents of one State): name the one this step meets`);
  }
  if (!('milestone' in step.timing) || step.audience === 'internal' || step.audience === 'list') return out;
  const { milestone } = step.timing;
  for (const clock of step.meets.map(canonicalClockId)) {
    const def = clockById(clock);
    if (!def || def.id === 'gdpr-art34' || def.id === 'hipaa-hhs-log') continue;
    const fromAwareness = HOURS_FROM_AWARENESS[def.id] !== undefined;
    if (milestone === 'confirmed' || milestone === 'resolved' || !fromAwareness) {
      const why = milestone === 'confirmed' || milestone === 'resolved' ? `the ${milestone} milestone has no time limit` : `the ${clock} clock does not start at awareness`;
      w('timing', `can come due after the ${clock} deadline: timed from ${milestone}, and ${why}; time it with {"deadline": "${clock}", "beforeMinutes": …}`);
    }
  }
  return out;
}

/** Runbooks: editable drafts, immutable published versions. */
@Injectable()
export class RunbooksService {
  private readonly libraryEntries: LibraryEntry[] = loadRunbookLibrary();

  constructor(
    private readonly runbooks: RunbookRepository,
    private readonly templates: TemplateRepository,
    private readonly audit: AuditRepository,
    private readonly webhookEndpoints: WebhookEndpointRepository,
    private readonly renderCheck: PublishRenderCheck,
    private readonly gateRemoval: GateRemovalPolicy,
  ) {}

  async saveDraft(key: string, draft: RunbookDefinition, actor: Actor) {
    const saved = await this.runbooks.saveDraft(key, draft);
    await this.audit.record({ actorId: actor.id, actorName: actor.name, action: 'runbook.draft_saved', entityType: 'runbook', entityId: saved.id, data: { key } });
    return this.get(key);
  }

  library() {
    return this.libraryEntries.map(({ definition, ...e }) => ({ ...e, steps: definition.steps.map((st) => ({ id: st.id, name: st.name, audience: st.audience, template: st.template, meets: st.meets })) }));
  }

  /** Copies a library plan into a new editable draft (publish it after setting the real recipients). */
  async copyFromLibrary(name: string, key: string, actor: Actor) {
    const entry = this.libraryEntries.find((e) => e.name === name);
    if (!entry) throw AppException.notFound('Library runbook', name);
    if (await this.runbooks.findByKey(key)) throw new AppException(ErrorCode.Conflict, `A runbook '${key}' already exists; choose another key`);
    const saved = await this.runbooks.saveDraft(key, entry.definition);
    await this.audit.record({ actorId: actor.id, actorName: actor.name, action: 'runbook.copied_from_library', entityType: 'runbook', entityId: saved.id, data: { key, library: name } });
    return this.get(key);
  }

  list() {
    return this.runbooks.list();
  }

  async get(key: string) {
    const rb = await this.runbooks.findByKey(key);
    if (!rb) throw AppException.notFound('Runbook', key);
    return {
      key: rb.key,
      name: rb.name,
      draft: rb.draft,
      updatedAt: rb.updatedAt,
      versions: rb.versions.map((v) => ({ version: v.version, publishedAt: v.publishedAt })),
    };
  }

  async publish(key: string, actor: Actor) {
    const rb = await this.runbooks.findByKey(key);
    if (!rb) throw AppException.notFound('Runbook', key);
    const definition = runbookDefinitionSchema.parse(rb.draft);
    const problems = await this.validate(definition);
    if (problems.length) throw new AppException(ErrorCode.RunbookInvalid, `Runbook '${key}' has ${problems.length} problem(s); nothing was published`, problems);
    const gates = await this.gateRemoval.check(rb, (rb.versions[0]?.definition ?? null) as { steps?: RunbookStep[] } | null, definition, actor);
    const version = await this.runbooks.publish(rb.id, definition, actor.id);
    const removal = gates.removed.length ? { approvalGatesRemoved: gates.removed, requestedBy: gates.requestedBy!, confirmedBy: { id: actor.id, name: actor.name } } : {};
    await this.audit.record({ actorId: actor.id, actorName: actor.name, action: 'runbook.published', entityType: 'runbook', entityId: rb.id, data: { key, version: version.version, ...removal } });
    return { key, version: version.version, publishedAt: version.publishedAt, definition, warnings: definition.steps.flatMap(stepWarnings) };
  }

  /** Every problem at once, each with its step, so the author fixes them in one pass. */
  private async validate(def: RunbookDefinition): Promise<RunbookProblem[]> {
    const problems: RunbookProblem[] = [];
    const seen = new Set<string>();
    for (const step of def.steps) {
      if (seen.has(step.id)) problems.push({ step: step.id, field: 'id', message: `duplicate step id '${step.id}'` });
      seen.add(step.id);
      problems.push(...stepProblems(step));
      problems.push(...webhookStepProblems(step), ...(await webhookEndpointProblems(step, this.webhookEndpoints)));
      const latest = await this.templates.latestPerLocale(step.template, step.channel);
      const have = Object.keys(latest);
      if (!have.length) {
        problems.push({ step: step.id, field: 'template', message: `no ${step.channel} template '${step.template}' exists` });
        continue;
      }
      for (const locale of new Set([def.defaultLocale, ...(def.locales ?? [])])) {
        if (!have.includes(locale)) {
          problems.push({ step: step.id, field: 'template', message: `template '${step.template}' (${step.channel}) is missing locale '${locale}'; it has ${have.join(', ')}` });
        }
      }
      for (const [locale, id] of Object.entries(latest)) {
        const why = await this.renderCheck.problem(id, locale);
        if (why) problems.push({ step: step.id, field: 'template', message: `template '${step.template}' (${step.channel}, ${locale}) cannot be rendered: ${why}` });
      }
    }
    return problems;
  }
}
