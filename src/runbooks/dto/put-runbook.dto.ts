import { createZodDto } from 'nestjs-zod';
import { runbookDefinitionSchema } from '../runbook-definition';

export class PutRunbookDto extends createZodDto(runbookDefinitionSchema) {}
