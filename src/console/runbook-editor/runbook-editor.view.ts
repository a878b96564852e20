import { Injectable } from '@nestjs/common';
import { ROLES } from '../../auth/role';
import { CLOCK_IDS } from '../../incidents/clocks/regulatory-clocks';
import { AUDIENCES, DEFAULT_MAX_LATENESS_MINUTES, MILESTONES, SEVERITIES } from '../../runbooks/runbook-definition';
import { RunbooksService } from '../../runbooks/runbooks.service';
import { CHANNELS } from '../../templates/dto/template.dto';
import { TemplatesService } from '../../templates/templates.service';
import { EditorProblem, summariseDefinition, summariseDraft } from './runbook-editor.service';
import { formToDefinition, RunbookForm } from './step-form';

type Runbook = Awaited<ReturnType<RunbooksService['get']>> | null;

/** The runbook editor pages' data: the draft as a form per step or as JSON, the steps in words, the problems. */
@Injectable()
export class RunbookEditorView {
  constructor(private readonly templates: TemplatesService) {}

  /** Template keys that exist, offered as suggestions in each step's template box. */
  async templateKeys(): Promise<string[]> {
    return [...new Set((await this.templates.list()).map((t) => t.key))].sort();
  }

  steps(key: string, rb: Runbook, form: RunbookForm, problems: EditorProblem[], templateKeys: string[]) {
    let summary: ReturnType<typeof summariseDefinition>;
    try {
      summary = summariseDefinition(formToDefinition(form));
    } catch {
      summary = { steps: [], problems: [] };
    }
    return {
      ...this.common(key, rb, problems, summary.steps),
      form,
      stepCount: form.steps.length,
      templateKeys,
      steps: form.steps.map((s, i) => ({
        ...s,
        index: i,
        position: i + 1,
        hasExtras: !!(s.severityAtLeast || s.jurisdictionsInclude || s.typeIn || s.approvalRole || s.reminderAfterMinutes || s.meets.length || !s.urgent || (s.maxLatenessMinutes && s.maxLatenessMinutes !== String(DEFAULT_MAX_LATENESS_MINUTES))),
        problems: problems.filter((p) => p.step === s.id || p.step === `step ${i + 1}`),
        options: {
          audiences: AUDIENCES.map((a) => ({ value: a, selected: a === s.audience })),
          channels: CHANNELS.map((c) => ({ value: c, selected: c === s.channel })),
          milestones: MILESTONES.map((m) => ({ value: m, selected: m === s.milestone })),
          deadlines: CLOCK_IDS.map((c) => ({ value: c, selected: c === s.deadline })),
          severities: SEVERITIES.map((v) => ({ value: v, selected: v === s.severityAtLeast })),
          roles: ROLES.filter((r) => r !== 'marketing').map((r) => ({ value: r, selected: r === s.approvalRole })),
          reminderChannels: CHANNELS.map((c) => ({ value: c, selected: c === s.reminderChannel })),
          clocks: CLOCK_IDS.map((c, j) => ({ value: c, checked: s.meets.includes(c), id: `s${i}-meets-${j}` })),
        },
        isDeadline: s.timingKind === 'deadline',
        notAcknowledged: s.reminderWhen !== 'not_delivered',
      })),
    };
  }

  json(key: string, rb: Runbook, text: string, problems: EditorProblem[]) {
    return { ...this.common(key, rb, problems, summariseDraft(text).steps), definition: text };
  }

  private common(key: string, rb: Runbook, problems: EditorProblem[], summary: unknown[]) {
    return {
      title: `Runbook ${key}`,
      key,
      name: rb?.name ?? key,
      isNew: !rb,
      versions: rb?.versions ?? [],
      updatedAt: rb?.updatedAt ?? null,
      summary,
      problems,
    };
  }
}
