import { createZodDto } from 'nestjs-zod';
import { importOptionsSchema } from '../import-options';

export class ImportOptionsDto extends createZodDto(importOptionsSchema) {}
