// Request bodies (zod, validated by the global pipe) and the OpenAPI shapes of the answers.
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { APPROVER_ROLES } from '../../auth/role';
import { answerContentSchema, updateContentSchema } from '../post-content';
import { UPDATE_CHANNELS } from '../send-update/send-update.usecase';

export class UpdateBodyDto extends createZodDto(z.strictObject({ content: updateContentSchema })) {}
export class AnswerBodyDto extends createZodDto(z.strictObject({ content: answerContentSchema })) {}
export class PublishDto extends createZodDto(z.strictObject({ version: z.number().int().min(1).optional() }).default({})) {}
export class PreviewDto extends createZodDto(
  z.strictObject({ locale: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/).optional(), timezone: z.string().min(1).max(64).optional() }).default({}),
) {}
export class SendUpdateDto extends createZodDto(z.strictObject({ channel: z.enum(UPDATE_CHANNELS).default('email') }).default({ channel: 'email' })) {}
export class PublishingDto extends createZodDto(
  z.strictObject({
    approval: z.strictObject({ role: z.enum(APPROVER_ROLES as [string, ...string[]]), differentFromAuthor: z.boolean().default(false) }).nullable().default(null),
    statusPage: z
      .strictObject({
        enabled: z.boolean(),
        slug: z
          .string()
          .regex(/^[a-z0-9](?:[a-z0-9-]{1,62}[a-z0-9])$/, 'a slug: 3 to 64 lowercase letters, digits and dashes')
          .optional(),
        indexable: z.boolean().default(false),
      })
      .default({ enabled: false, indexable: false }),
  }),
) {}

export const ERROR_SCHEMA = {
  type: 'object',
  properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} }, required: ['code', 'message'] } },
};

const localized = (fields: Record<string, object>) => ({ type: 'object', description: 'per locale (en, fr-CA …)', additionalProperties: { type: 'object', properties: fields } });
const UPDATE_CONTENT = localized({ text: { type: 'string', maxLength: 4000 } });
const ANSWER_CONTENT = localized({ question: { type: 'string', maxLength: 300 }, answer: { type: 'string', maxLength: 4000 } });

export const postSchema = (kind: 'update' | 'answer') => {
  const content = kind === 'update' ? UPDATE_CONTENT : ANSWER_CONTENT;
  return {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      incidentId: { type: 'string', format: 'uuid' },
      kind: { type: 'string', enum: [kind] },
      number: { type: 'integer' },
      state: { type: 'string', enum: ['draft', 'published', 'published_with_draft', 'withdrawn'] },
      version: { type: 'integer', description: 'the newest version' },
      publishedVersion: { type: 'integer', nullable: true, description: 'the version every surface shows' },
      content: { ...content, description: 'the newest version' },
      published: { ...content, nullable: true, description: 'the published version' },
      firstPublishedAt: { type: 'string', format: 'date-time', nullable: true },
      publishedAt: { type: 'string', format: 'date-time', nullable: true },
      withdrawnAt: { type: 'string', format: 'date-time', nullable: true },
      createdBy: { type: 'string' },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
    },
  };
};

export const historySchema = (kind: 'update' | 'answer') => ({
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    number: { type: 'integer' },
    publishedVersion: { type: 'integer', nullable: true },
    versions: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          version: { type: 'integer' },
          content: kind === 'update' ? UPDATE_CONTENT : ANSWER_CONTENT,
          author: { type: 'string' },
          createdAt: { type: 'string', format: 'date-time' },
          publishedAt: { type: 'string', format: 'date-time', nullable: true },
          publishedBy: { type: 'string', nullable: true },
        },
      },
    },
  },
});

export const PREVIEW_SCHEMA = {
  type: 'object',
  properties: {
    version: { type: 'integer' },
    locale: { type: 'string' },
    timezone: { type: 'string' },
    surfaces: {
      type: 'array',
      description: 'notice_page, agent_view, status_page, next_message: whether the version appears there, where, and how (HTML or the agent view data)',
      items: {
        type: 'object',
        properties: {
          surface: { type: 'string', enum: ['notice_page', 'agent_view', 'status_page', 'next_message'] },
          appears: { type: 'boolean' },
          where: { type: 'string' },
          html: { type: 'string', nullable: true },
          subject: { type: 'string', nullable: true },
          text: { type: 'string', nullable: true },
        },
      },
    },
  },
};

export const SEND_SCHEMA = {
  type: 'object',
  properties: {
    step: { type: 'string', example: 'update-2-v1' },
    stepId: { type: 'string', format: 'uuid' },
    state: { type: 'string' },
    created: { type: 'boolean', description: 'false: this version was already sent on this channel (nobody gets it twice)' },
    update: { type: 'integer' },
    version: { type: 'integer' },
    channel: { type: 'string', enum: [...UPDATE_CHANNELS] },
  },
};

export const PUBLISHING_SCHEMA = {
  type: 'object',
  properties: {
    approval: { type: 'object', nullable: true, properties: { role: { type: 'string', enum: [...APPROVER_ROLES] }, differentFromAuthor: { type: 'boolean' } } },
    statusPage: { type: 'object', properties: { enabled: { type: 'boolean' }, slug: { type: 'string', nullable: true }, indexable: { type: 'boolean' }, url: { type: 'string', nullable: true } } },
  },
};
