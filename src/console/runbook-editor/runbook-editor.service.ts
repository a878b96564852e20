import { Injectable } from '@nestjs/common';
import { ZodError } from 'zod';
import { Actor } from '../../auth/role';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { zodIssues } from '../../common/errors/zod-issues';
import { RunbookDefinition, runbookDefinitionSchema, stepSchema } from '../../runbooks/runbook-definition';
import { RunbooksService } from '../../runbooks/runbooks.service';
import { StepSummary, summariseStep } from './step-summary';

export interface EditorProblem {
  step: string | null;
  field: string;
  message: string;
}

/** What a new runbook's editor starts with: one step to the affected customers, by email, at declaration. */
export const NEW_RUNBOOK: RunbookDefinition = runbookDefinitionSchema.parse({
  name: 'New runbook',
  defaultLocale: 'en',
  steps: [{ id: 'notify-customers', name: 'Tell the affected customers', audience: 'affected_customers', channel: 'email', template: 'breach-notice', timing: { milestone: 'declared', offsetMinutes: 0 } }],
});

/** The draft as typed in the JSON editor. */
export function summariseDraft(text: string): DraftSummary {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { steps: [], problems: [{ step: null, field: 'json', message: `Not valid JSON: ${(e as Error).message}` }] };
  }
  return summariseDefinition(json);
}

export type DraftSummary = { steps: (StepSummary | { id: string; invalid: string[] })[]; problems: EditorProblem[] };

/** A draft parsed step by step, so one bad step still shows the others' summaries. */
export function summariseDefinition(json: unknown): DraftSummary {
  const rawSteps = json && typeof json === 'object' && Array.isArray((json as { steps?: unknown }).steps) ? (json as { steps: unknown[] }).steps : [];
  const steps = rawSteps.map((raw, i) => {
    const r = stepSchema.safeParse(raw);
    if (r.success) return summariseStep(r.data);
    const id = raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string' && (raw as { id: string }).id ? (raw as { id: string }).id : `step ${i + 1}`;
    return { id, invalid: zodIssues(r.error).map((x) => `${x.path || 'step'}: ${x.message}`) };
  })
  const whole = runbookDefinitionSchema.safeParse(json);
  return { steps, problems: whole.success ? [] : definitionProblems(whole.error, json) };
}

function definitionProblems(error: ZodError, json: unknown): EditorProblem[] {
  const steps = (json as { steps?: { id?: unknown }[] })?.steps;
  return error.issues.map((i) => {
    const [head, index, ...rest] = i.path;
    const isStep = head === 'steps' && typeof index === 'number';
    const id = isStep ? steps?.[index]?.id : undefined;
    // a step without a usable id is named by its position
    return {
      step: isStep ? (typeof id === 'string' && id ? id : `step ${index + 1}`) : null,
      field: (isStep ? rest : i.path).join('.') || 'runbook',
      message: i.message,
    };
  });
}

/**
 * The runbook editor's actions over the runbooks service: the draft arrives as JSON text; publishing
 * publishes what is in the editor (saved first), so what the author sees is what becomes the version.
 */
@Injectable()
export class RunbookEditorService {
  constructor(private readonly runbooks: RunbooksService) {}

  /** The draft as an object (from the JSON editor or the form per step), checked by the runbook schema. */
  async saveDraft(key: string, draft: unknown, actor: Actor) {
    const parsed = runbookDefinitionSchema.safeParse(draft);
    if (!parsed.success) {
      throw new AppException(ErrorCode.ValidationFailed, 'The draft is not a valid runbook; nothing was saved', definitionProblems(parsed.error, draft));
    }
    return this.runbooks.saveDraft(key, parsed.data, actor);
  }

  async saveAndPublish(key: string, draft: unknown, actor: Actor) {
    await this.saveDraft(key, draft, actor);
    return this.runbooks.publish(key, actor);
  }
}

/** The JSON editor's text as an object; not JSON is a problem shown on the page. */
export function draftFromText(text: string): unknown {
  return parseJson(text);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AppException(ErrorCode.ValidationFailed, `The draft is not valid JSON: ${(e as Error).message}`, [{ step: null, field: 'json', message: (e as Error).message }]);
  }
}
