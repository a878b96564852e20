import { ZodParam } from '../common/zod-param.pipe';
import { externalIdSchema } from './dto/customer.dto';

/** Validates an externalId taken from the path, with the same rule as in bodies. */
export class ExternalIdPipe extends ZodParam<string> {
  constructor() {
    super(externalIdSchema, 'externalId');
  }
}
