import { createZodDto } from 'nestjs-zod';
import { declareIncidentSchema } from '../declare-incident/declare-incident.command';

export class DeclareIncidentDto extends createZodDto(declareIncidentSchema) {}
