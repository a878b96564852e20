import { Injectable } from '@nestjs/common';
import { Template } from '@prisma/client';
import { Actor } from '../auth/role';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { AuditRepository } from '../audit/audit.repository';
import { TemplateEngine } from './template-engine';
import { TemplateRepository } from './template.repository';

export interface EmailTemplateInput {
  subject: string;
  html: string;
  text: string;
  variables: string[];
}

/** Versioned templates: every save is a new immutable version, validated before it is stored. */
@Injectable()
export class TemplatesService {
  constructor(
    private readonly templates: TemplateRepository,
    private readonly engine: TemplateEngine,
    private readonly audit: AuditRepository,
  ) {}

  async saveEmail(key: string, locale: string, input: EmailTemplateInput, actor: Actor): Promise<Template> {
    const problems = this.engine.validate({ subject: input.subject, html: input.html, text: input.text });
    if (/[\r\n]/.test(input.subject)) {
      problems.unshift({ field: 'subject', line: 1, column: input.subject.search(/[\r\n]/) + 1, message: 'a subject is one line (no CR/LF)' });
    }
    if (problems.length) {
      throw new AppException(ErrorCode.TemplateInvalid, `Template has ${problems.length} problem(s)`, problems);
    }
    const saved = await this.templates.createVersion({ key, channel: 'email', locale, ...input, createdBy: actor.id });
    await this.audit.record({ actorId: actor.id, actorName: actor.name, action: 'template.saved', entityType: 'template', entityId: saved.id, data: { key, channel: 'email', locale, version: saved.version } });
    return saved;
  }

  async get(key: string, channel: string, locale: string): Promise<{ latest: Template; versions: { version: number; createdAt: Date }[] }> {
    const versions = await this.templates.history(key, channel, locale);
    if (!versions.length) throw AppException.notFound('Template', `${key}/${channel}/${locale}`);
    return { latest: versions[0], versions: versions.map((v) => ({ version: v.version, createdAt: v.createdAt })) };
  }

  list() {
    return this.templates.listLatest();
  }
}
