// What makes a step's use of the webhook channel wrong. The webhook channel reaches systems, not people:
// partners, internal tools, a Slack-compatible incoming webhook. Its recipients are endpoints by key;
// affected customers are reached by email or SMS (a per-customer webhook fan-out is not offered).
import type { WebhookEndpointRepository } from '../webhook-endpoints/webhook-endpoint.repository';
import type { RunbookStep } from './runbook-definition';

export interface StepProblem {
  step: string;
  field: string;
  message: string;
}

export function webhookStepProblems(step: RunbookStep): StepProblem[] {
  const out: StepProblem[] = [];
  const p = (field: string, message: string) => out.push({ step: step.id, field, message });
  const recipients = step.recipients ?? [];
  const toWebhooks = recipients.filter((r) => 'webhook' in r);
  if (step.channel === 'webhook') {
    if (step.audience === 'affected_customers') p('channel', 'the webhook channel sends to endpoints named in recipients (regulator, internal and list steps); reach affected customers by email or sms');
    if (toWebhooks.length < recipients.length) p('recipients', 'a webhook step sends to webhook endpoints ({"webhook": "<key>"}), not email addresses: use a separate email step');
    if (step.fallbackChannels.length) p('fallbackChannels', 'a webhook step takes no fallback channels (fallbacks move customers to another channel)');
  } else if (toWebhooks.length) {
    p('recipients', `recipients naming a webhook endpoint need channel 'webhook' (this step sends ${step.channel})`);
  }
  if (step.channel === 'sms' && step.audience !== 'affected_customers') p('channel', 'sms steps reach affected customers only (fixed recipients are email addresses or webhook endpoints)');
  if ((step.fallbackChannels as string[]).includes('webhook')) p('fallbackChannels', 'webhook cannot be a fallback channel: customers are reached by email or sms');
  if (step.reminder?.channel === 'webhook') p('reminder', 'a reminder cannot be sent by webhook: customers are reached by email or sms');
  return out;
}

/** Webhook endpoints a step names that do not exist or are disabled (checked at publish). */
export async function webhookEndpointProblems(step: RunbookStep, endpoints: WebhookEndpointRepository): Promise<StepProblem[]> {
  const keys = [...new Set((step.recipients ?? []).flatMap((r) => ('webhook' in r ? [r.webhook] : [])))];
  const out: StepProblem[] = [];
  for (const key of keys) {
    const e = await endpoints.findByKey(key);
    if (!e) out.push({ step: step.id, field: 'recipients', message: `no webhook endpoint '${key}' (create it with POST /api/v1/webhook-endpoints)` });
    else if (!e.enabled) out.push({ step: step.id, field: 'recipients', message: `webhook endpoint '${key}' is disabled (${e.disabledReason ?? 'by hand'}); re-enable it or remove it` });
  }
  return out;
}
