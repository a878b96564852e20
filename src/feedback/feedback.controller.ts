import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { Role } from '../auth/role';
import { PaginationDto } from '../common/pagination.dto';
import { FeedbackService } from './feedback.service';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('api/v1/incidents')
export class FeedbackController {
  constructor(private readonly feedback: FeedbackService) {}

  /** CSAT and CES answers from the notice pages of this incident: counts, averages, distribution, comments (paginated). */
  @Get(':id/feedback')
  @Roles(Role.viewer)
  report(@Param('id', new ParseUUIDPipe({ version: '4' })) id: string, @Query() page: PaginationDto) {
    return this.feedback.report(id, page.cursor, page.limit);
  }
}
