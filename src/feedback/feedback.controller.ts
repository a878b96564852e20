import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { Role } from '../auth/role';
import { PaginationDto } from '../common/pagination.dto';
import { FeedbackService } from './feedback.service';
import { feedbackReportSchema } from '../incidents/dto/incident.responses';
import { ApiJson } from '../openapi/api-doc.decorators';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('api/v1/incidents')
export class FeedbackController {
  constructor(private readonly feedback: FeedbackService) {}

  /** CSAT and CES answers from the notice pages of this incident: counts, averages, distribution, comments (paginated). */
  @Get(':id/feedback')
  @Roles(Role.viewer)
  @ApiOperation({ summary: 'Get an incident\'s feedback report' })
  @ApiJson(200, 'FeedbackReport', feedbackReportSchema)
  report(@Param('id', new ParseUUIDPipe({ version: '4' })) id: string, @Query() page: PaginationDto) {
    return this.feedback.report(id, page.cursor, page.limit);
  }
}
