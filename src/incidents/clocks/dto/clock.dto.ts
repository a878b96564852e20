import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

/** Files kept as evidence: a PDF receipt or a screenshot of the portal, up to 3 MB (the JSON body limit is 5 MB). */
export const MAX_SUBMISSION_FILE_BYTES = 3 * 1024 * 1024;
const text = (max: number) => z.string().trim().min(1).max(max).refine((v) => !/[\r\n]/.test(v), 'one line');

export const recordSubmissionSchema = z.strictObject({
  /** when the authority received it (the portal's or EDGAR's acceptance time) */
  submittedAt: z.iso.datetime({ offset: true }),
  /** who filed it */
  submittedBy: text(200),
  /** the authority's reference: case number, EDGAR accession number */
  reference: text(200),
  note: z.string().max(2000).optional(),
  file: z
    .strictObject({
      name: text(200),
      contentType: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/i, 'a media type such as application/pdf').max(100),
      base64: z
        .string()
        .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64')
        .refine((v) => Math.floor((v.length * 3) / 4) <= MAX_SUBMISSION_FILE_BYTES, `at most ${MAX_SUBMISSION_FILE_BYTES} bytes`),
    })
    .optional(),
});
export type RecordSubmissionInput = z.infer<typeof recordSubmissionSchema>;
export class RecordSubmissionDto extends createZodDto(recordSubmissionSchema) {}

export class IncidentTimeDto extends createZodDto(z.strictObject({ at: z.iso.datetime({ offset: true }).optional() }).default({})) {}

const jurisdiction = z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$|^EU$/, 'ISO 3166 code such as FR, US-NY or EU');
export const organisationProfileSchema = z.strictObject({
  establishedIn: z.array(jurisdiction).max(300).default([]),
  secRegistrant: z.boolean().default(false),
  nis2Entity: z.boolean().default(false),
  hipaa: z.enum(['covered_entity', 'business_associate', 'none']).default('none'),
  nydfsCoveredEntity: z.boolean().default(false),
});
export class OrganisationProfileDto extends createZodDto(organisationProfileSchema) {}
