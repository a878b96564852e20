import { createZodDto } from 'nestjs-zod';
import {
  contactPageSchema,
  contactSummarySchema,
  contactViewSchema,
  createReasonSchema,
  listContactsQuerySchema,
  logContactSchema,
  reasonListSchema,
  reasonViewSchema,
  summaryQuerySchema,
  updateReasonSchema,
} from './contact.schemas';

export class LogContactDto extends createZodDto(logContactSchema) {}
export class CreateReasonDto extends createZodDto(createReasonSchema) {}
export class UpdateReasonDto extends createZodDto(updateReasonSchema) {}
export class ListContactsQueryDto extends createZodDto(listContactsQuerySchema) {}
export class SummaryQueryDto extends createZodDto(summaryQuerySchema) {}
export class ContactViewDto extends createZodDto(contactViewSchema) {}
export class ContactPageDto extends createZodDto(contactPageSchema) {}
export class ReasonViewDto extends createZodDto(reasonViewSchema) {}
export class ReasonListDto extends createZodDto(reasonListSchema) {}
export class ContactSummaryDto extends createZodDto(contactSummarySchema) {}
