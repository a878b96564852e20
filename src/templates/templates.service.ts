import { Injectable } from '@nestjs/common';
import { Template } from '@prisma/client';
import { createPatch } from 'diff';
import { AuditRepository } from '../audit/audit.repository';
import { Actor } from '../auth/role';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { PutTemplate } from './dto/template.dto';
import { TemplateEngine, TemplateProblem } from './template-engine';
import { checkTemplate, TEMPLATE_FIELDS as FIELDS } from './template-check';
import { Channel } from './template-fields';
import { TemplateRepository } from './template.repository';
import { smsSize } from './sms-segments';

export function toTemplateView(t: Template) {
  return {
    id: t.id,
    key: t.key,
    channel: t.channel,
    locale: t.locale,
    version: t.version,
    ...Object.fromEntries(FIELDS.filter((f) => t[f] != null).map((f) => [f, t[f]])),
    variables: t.variables,
    createdAt: t.createdAt,
    createdBy: t.createdByName,
    ...(t.channel === 'sms' && t.text ? { sms: smsSize(t.text) } : {}),
  };
}

/** Versioned templates: every save is a new immutable version, validated before it is stored. */
@Injectable()
export class TemplatesService {
  constructor(
    private readonly templates: TemplateRepository,
    private readonly engine: TemplateEngine,
    private readonly audit: AuditRepository,
  ) {}

  check(channel: Channel, input: PutTemplate): TemplateProblem[] {
    return checkTemplate(this.engine, channel, input);
  }

  async save(key: string, channel: Channel, locale: string, input: PutTemplate, actor: Actor) {
    const problems = this.check(channel, input);
    if (problems.length) throw new AppException(ErrorCode.TemplateInvalid, `Template has ${problems.length} problem(s); nothing was saved`, problems);
    const saved = await this.templates.createVersion({
      key,
      channel,
      locale,
      subject: input.subject ?? null,
      html: input.html ?? null,
      text: input.text ?? null,
      body: input.body ?? null,
      variables: input.variables,
      createdBy: actor.id,
      createdByName: actor.name,
    });
    await this.audit.record({
      actorId: actor.id,
      actorName: actor.name,
      action: 'template.saved',
      entityType: 'template',
      entityId: saved.id,
      data: { key, channel, locale, version: saved.version },
    });
    return toTemplateView(saved);
  }

  async history(key: string, channel: string, locale: string) {
    const versions = await this.templates.history(key, channel, locale);
    if (!versions.length) throw AppException.notFound('Template', `${key}/${channel}/${locale}`);
    return {
      latest: toTemplateView(versions[0]),
      versions: versions.map((v) => ({ version: v.version, createdAt: v.createdAt, createdBy: v.createdByName })),
    };
  }

  async version(key: string, channel: string, locale: string, version: number) {
    const t = await this.templates.findVersion(key, channel, locale, version);
    if (!t) throw AppException.notFound('Template version', `${key}/${channel}/${locale}@${version}`);
    return toTemplateView(t);
  }

  /** Unified diff per field between two versions. */
  async diff(key: string, channel: string, locale: string, from: number, to: number) {
    const [a, b] = await Promise.all([this.templates.findVersion(key, channel, locale, from), this.templates.findVersion(key, channel, locale, to)]);
    if (!a) throw AppException.notFound('Template version', `${key}/${channel}/${locale}@${from}`);
    if (!b) throw AppException.notFound('Template version', `${key}/${channel}/${locale}@${to}`);
    const changes: Record<string, string> = {};
    for (const f of [...FIELDS, 'variables'] as const) {
      const x = f === 'variables' ? a.variables.join('\n') : (a[f] ?? '');
      const y = f === 'variables' ? b.variables.join('\n') : (b[f] ?? '');
      if (x !== y) changes[f] = createPatch(f, x.endsWith('\n') ? x : x + '\n', y.endsWith('\n') ? y : y + '\n', `v${from}`, `v${to}`);
    }
    return { key, channel, locale, from, to, changed: Object.keys(changes), changes };
  }

  list() {
    return this.templates.listLatest();
  }
}
