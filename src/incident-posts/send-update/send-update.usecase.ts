import { Injectable, Logger } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { Actor } from '../../auth/role';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { Clock } from '../../common/time/clock';
import { DispatchQueue } from '../../queue/dispatch-queue.service';
import { TemplatePinning } from '../../templates/template-pinning.service';
import { IncidentPostsService } from '../incident-posts.service';
import { pickLocale, UpdateContent } from '../post-content';
import { UpdateStepRepository } from './update-step.repository';

export const UPDATE_TEMPLATE = 'incident-update';
export const UPDATE_CHANNELS = ['email', 'sms'] as const;
export type UpdateChannel = (typeof UPDATE_CHANNELS)[number];
/** Nothing may be sent in these states (paused: the kill switch). */
const NO_SEND = ['paused', 'cancelled', 'closed'];

/** update-3-v2 (email), update-3-v2-sms: one step per update, version and channel. */
export const updateStepKey = (number: number, version: number, channel: UpdateChannel) => `update-${number}-v${version}${channel === 'email' ? '' : `-${channel}`}`;

/**
 * Sends a published update to the affected customers as a step of the schedule (template `incident-update`,
 * the update's text as the fact `updateText`, per locale). Once per version and customer: sending again
 * returns the same step.
 */
@Injectable()
export class SendUpdateUseCase {
  private readonly logger = new Logger(SendUpdateUseCase.name);

  constructor(
    private readonly posts: IncidentPostsService,
    private readonly steps: UpdateStepRepository,
    private readonly pinning: TemplatePinning,
    private readonly queue: DispatchQueue,
    private readonly clock: Clock,
  ) {}

  async execute(incidentId: string, ref: string, channel: UpdateChannel, actor: Actor) {
    const incident = await this.posts.incident(incidentId);
    if (NO_SEND.includes(incident.state)) throw new AppException(ErrorCode.Conflict, `The incident is ${incident.state}: nothing is sent`, { state: incident.state });
    const post = await this.posts.post(incidentId, 'update', ref);
    if (!post.publishedVersion || post.withdrawnAt) throw new AppException(ErrorCode.Conflict, `Update ${post.number} is not published: publish it before sending it`);
    const version = post.publishedVersion;
    const content = post.versions.find((v) => v.version === version)!.content as UpdateContent;
    const stepKey = updateStepKey(post.number, version, channel);
    const facts = { ...incident.facts, updateText: {} as Record<string, string> };
    const { pins, missing } = await this.pinning.pin([{ stepKey, templateKey: UPDATE_TEMPLATE, channel }], facts);
    const templateVersions = pins.get(stepKey) ?? {};
    if (!Object.keys(templateVersions).length) throw new AppException(ErrorCode.TemplateInvalid, `There is no ${channel} template '${UPDATE_TEMPLATE}'`);
    // the text for every locale a template exists in (a customer's locale falls back as sending does)
    for (const locale of new Set([...Object.keys(templateVersions), ...Object.keys(content)])) {
      facts.updateText[locale] = content[pickLocale(Object.keys(content), locale, incident.defaultLocale)].text;
    }
    const stillMissing = missing.filter((m) => m.fact !== 'updateText');
    if (stillMissing.length) throw new AppException(ErrorCode.MissingFacts, `The ${UPDATE_TEMPLATE} template needs facts the incident does not give: ${stillMissing.map((m) => m.fact).join(', ')}`, stillMissing);
    const now = this.clock.now();
    const definition = { id: stepKey, audience: 'affected_customers', channel, template: UPDATE_TEMPLATE, timing: { milestone: 'declared', offsetMinutes: 0 }, update: { id: post.id, number: post.number, version } };
    const { step, created } = await this.steps.ensure(
      {
        incidentId,
        stepKey,
        channel,
        templateKey: UPDATE_TEMPLATE,
        templateVersions,
        definition: definition as Prisma.InputJsonValue,
        snapshot: { facts, templateVersions } as Prisma.InputJsonValue,
        dueAt: now,
        by: actor,
      },
      { update: post.number, version, channel, step: stepKey },
    );
    // a repeated send re-fires a step that is still scheduled (its job may have been lost); the fan-out is idempotent
    if (step.state === 'scheduled') {
      await this.queue.scheduleFanout(step.id, step.dueAt ?? now, now).catch((e: Error) => this.logger.warn(`update step ${step.id}: ${e.message}; the reconciler will fire it`));
    }
    return { step: stepKey, stepId: step.id, state: step.state, created, update: post.number, version, channel };
  }
}
