import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { countAudienceSchema } from '../../audiences/dto/count-audience.dto';
import { AudienceRepository } from '../../audiences/audience.repository';
import { Actor } from '../../auth/role';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { zodIssues } from '../../common/errors/zod-issues';
import { Clock } from '../../common/time/clock';
import { DeclareIncidentCommand } from '../../incidents/declare-incident/declare-incident.command';
import { DeclarePreview, DeclareIncidentUseCase } from '../../incidents/declare-incident/declare-incident.usecase';
import { RunbookDefinition } from '../../runbooks/runbook-definition';
import { RunbookRepository } from '../../runbooks/runbook.repository';
import { RunbooksService } from '../../runbooks/runbooks.service';
import { TemplatePinning } from '../../templates/template-pinning.service';
import { declareBodyFromForm, DeclareForm, filterFromForm, inputFromDate } from './declare-form';

export const INCIDENT_TYPES = ['data_breach', 'personal_data_breach', 'phi_breach', 'ransomware', 'account_takeover', 'cybersecurity_event', 'nis2_significant_incident', 'material_cybersecurity_incident'];

/** "whatHappened" → "What happened" */
const label = (fact: string) => {
  const words = fact.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/**
 * The declare wizard over the declare use case: which runbooks can be declared, which facts a runbook's
 * templates ask for (customer notices and regulator checklists alike), a preview computed as declare
 * computes it, and the declaration itself, idempotent through the key the form carries.
 */
@Injectable()
export class DeclareWizardService {
  constructor(
    private readonly runbooks: RunbooksService,
    private readonly versions: RunbookRepository,
    private readonly pinning: TemplatePinning,
    private readonly declare: DeclareIncidentUseCase,
    private readonly audiences: AudienceRepository,
    private readonly clock: Clock,
  ) {}

  async publishedRunbooks() {
    return (await this.runbooks.list()).filter((r) => r.publishedVersion !== null);
  }

  /**
   * Every fact the newest templates of the runbook's steps declare, with the steps asking for it. Which of
   * them an incident really needs depends on its severity, type and jurisdictions: the preview says.
   */
  async runbookForm(key: string) {
    const version = await this.versions.latestPublished(key);
    if (!version) throw new AppException(ErrorCode.RunbookNotPublished, `Runbook '${key}' does not exist or has no published version`);
    const definition = version.definition as unknown as RunbookDefinition;
    const { missing } = await this.pinning.pin(definition.steps.map((s) => ({ stepKey: s.id, templateKey: s.template, channel: s.channel })), {});
    const stepName = new Map(definition.steps.map((s) => [s.id, s.name ?? s.id]));
    return {
      runbook: { key, name: definition.name, version: version.version },
      facts: missing.map((m) => ({ name: m.fact, label: label(m.fact), steps: m.steps.map((s) => stepName.get(s) ?? s), long: /what|description|nature|measures|consequences|data|details/i.test(m.fact) })),
      steps: definition.steps.map((s) => ({ id: s.id, name: s.name ?? s.id, audience: s.audience, channel: s.channel })),
    };
  }

  /** What a fresh form starts with; the idempotency key is made here, once per rendered form. */
  newForm(): Partial<DeclareForm> & { idempotencyKey: string } {
    return { idempotencyKey: `console-${randomUUID()}`, severity: 'high', type: 'data_breach', awareAt: inputFromDate(this.clock.now()), affectedMode: 'list', facts: {} };
  }

  async preview(runbook: string, form: DeclareForm): Promise<DeclarePreview> {
    return this.declare.preview(await this.command(runbook, form, undefined));
  }

  async declareIncident(runbook: string, form: DeclareForm, idempotencyKey: string, actor: Actor) {
    const { incident, replayed } = await this.declare.execute(await this.command(runbook, form, idempotencyKey), actor);
    return { id: incident.id, replayed };
  }

  /** The live "this will notify N customers" of the filter builder. */
  async count(form: DeclareForm): Promise<{ count: number }> {
    const parsed = countAudienceSchema.safeParse({ filter: filterFromForm(form) });
    if (!parsed.success) throw new AppException(ErrorCode.FilterInvalid, `Invalid filter: ${zodIssues(parsed.error).map((i) => `${i.path || 'filter'}: ${i.message}`).join('; ')}`);
    return { count: await this.audiences.count(parsed.data.filter) };
  }

  private async command(runbook: string, form: DeclareForm, idempotencyKey: string | undefined) {
    return DeclareIncidentCommand.create(await declareBodyFromForm(runbook, form), idempotencyKey, this.clock.now());
  }
}
