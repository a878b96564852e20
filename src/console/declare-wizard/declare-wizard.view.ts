import { resolvedTiming } from '../../incidents/declare-incident/plan-step';
import { Injectable } from '@nestjs/common';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { SEVERITIES } from '../../incidents/declare-incident/declare-incident.command';
import { DeclarePreview } from '../../incidents/declare-incident/declare-incident.usecase';
import { DeclareForm } from './declare-form';
import { DeclareWizardService, INCIDENT_TYPES } from './declare-wizard.service';

type RunbookForm = Awaited<ReturnType<DeclareWizardService['runbookForm']>>;

/** The wizard page's data: the form as typed, the facts it asks for, the preview or the error to fix. */
@Injectable()
export class DeclareWizardView {
  page(meta: RunbookForm, form: Partial<DeclareForm>, idempotencyKey: string, preview: DeclarePreview | null, error: AppException | null) {
    const missing = new Set((preview?.missing ?? []).map((m) => m.fact));
    return {
      title: `Declare an incident with “${meta.runbook.name}”`,
      runbook: meta.runbook,
      idempotencyKey,
      form: {
        title: form.title ?? '',
        awareAt: form.awareAt ?? '',
        materialityAt: form.materialityAt ?? '',
        determinedAt: form.determinedAt ?? '',
        jurisdictions: form.jurisdictions ?? '',
        affectedMode: form.affectedMode ?? 'list',
        filterField: form.filterField ?? '',
        filterOp: form.filterOp ?? 'eq',
        filterValue: form.filterValue ?? '',
        filterJson: form.filterJson ?? '',
        externalIds: form.externalIds ?? '',
      },
      type: form.type ?? 'data_breach',
      types: INCIDENT_TYPES,
      severities: SEVERITIES.map((s) => ({ value: s, selected: s === (form.severity ?? 'high') })),
      filterOps: [
        { value: 'eq', label: 'is', selected: (form.filterOp ?? 'eq') === 'eq' },
        { value: 'in', label: 'is one of (comma-separated)', selected: form.filterOp === 'in' },
        { value: 'exists', label: 'is set', selected: form.filterOp === 'exists' },
      ],
      facts: meta.facts.map((f) => ({ ...f, value: form.facts?.[f.name] ?? '', missing: missing.has(f.name) })),
      preview: preview && {
        runbookVersion: preview.runbook.version,
        affected: preview.affected,
        missing: preview.missing,
        ready: !preview.missing.length && !preview.affected.unknownCount && preview.affected.count > 0,
        schedule: preview.steps.map((s) => ({
          id: s.step.id,
          name: s.step.name ?? s.step.id,
          audience: s.step.audience,
          channel: s.step.channel,
          template: s.step.template,
          dueAt: s.dueAt,
          afterResolution: resolvedTiming(s.step)?.label ?? null,
          state: s.state,
          waitingReason: s.waitingReason,
        })),
        clocks: preview.clocks,
      },
      error: error && {
        message: error.message,
        details: errorDetails(error),
        incidentId: error.code === ErrorCode.IdempotencyKeyReused ? ((error.details as { incidentId?: string } | undefined)?.incidentId ?? null) : null,
      },
    };
  }
}

function errorDetails(e: AppException): string[] {
  const d = e.details as unknown;
  if (e.code === ErrorCode.MissingFacts && Array.isArray(d)) return (d as { fact: string; steps: string[] }[]).map((m) => `${m.fact} (needed by ${m.steps.join(', ')})`);
  if (e.code === ErrorCode.UnknownCustomers && d && typeof d === 'object') {
    const u = d as { unknown: string[]; unknownCount: number };
    return [`not known: ${u.unknown.slice(0, 20).join(', ')}${u.unknownCount > 20 ? ` and ${u.unknownCount - 20} more` : ''}`];
  }
  // a remedy offer's pool too small for the population (#20): the numbers, per offer
  if (e.code === ErrorCode.OfferPoolExhausted && Array.isArray(d)) return (d as { offer: string; needed: number; available: number }[]).map((x) => `offer ${x.offer}: ${x.available} free code(s) for ${x.needed} customer(s)`);
  if (Array.isArray(d)) return (d as { path?: string; message?: string }[]).map((x) => (x.path ? `${x.path}: ${x.message}` : String(x.message)));
  return [];
}
