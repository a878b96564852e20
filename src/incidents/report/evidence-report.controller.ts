import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.decorators';
import { Role } from '../../auth/role';
import { EvidenceReportService } from './evidence-report.service';

const IdPipe = new ParseUUIDPipe({ version: '4' });

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('api/v1/incidents')
export class EvidenceReportController {
  constructor(private readonly report: EvidenceReportService) {}

  /** The evidence report (JSON): clocks and what met them, approvals, templates sent with a sample, counts, the timeline. */
  @Get(':id/report')
  @Roles(Role.viewer)
  get(@Param('id', IdPipe) id: string) {
    return this.report.build(id);
  }
}
