import { Controller, Get, Headers, Param, ParseUUIDPipe, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.decorators';
import { Role } from '../../auth/role';
import { renderReportPdf } from './evidence-report.pdf';
import { EvidenceReportService } from './evidence-report.service';
import { evidenceReportSchema } from '../dto/incident.responses';
import { ApiJson, ApiRaw } from '../../openapi/api-doc.decorators';

const IdPipe = new ParseUUIDPipe({ version: '4' });

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('api/v1/incidents')
export class EvidenceReportController {
  constructor(private readonly report: EvidenceReportService) {}

  /**
   * The evidence report: clocks and what met them, approvals, templates sent with a sample, counts, the
   * timeline. JSON; a PDF of the same object with `?format=pdf` or `Accept: application/pdf`.
   */
  @Get(':id/report')
  @Roles(Role.viewer)
  @ApiOperation({ summary: 'Get an incident\'s evidence report (JSON or PDF)' })
  @ApiJson(200, 'EvidenceReport', evidenceReportSchema, 'The report (JSON), or its PDF with ?format=pdf or Accept: application/pdf')
  @ApiRaw(200, 'The report (JSON), or its PDF with ?format=pdf or Accept: application/pdf', { 'application/pdf': { type: 'string', format: 'binary' } })
  async get(@Param('id', IdPipe) id: string, @Query('format') format: string | undefined, @Headers('accept') accept: string | undefined) {
    const report = await this.report.build(id);
    if (format !== 'pdf' && !(format === undefined && accept?.startsWith('application/pdf'))) return report;
    return new StreamableFile(await renderReportPdf(report), { type: 'application/pdf', disposition: `attachment; filename="incident-${id}-evidence.pdf"` });
  }
}
