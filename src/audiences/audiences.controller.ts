import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { Role } from '../auth/role';
import { AudienceRepository } from './audience.repository';
import { CountAudienceDto } from './dto/count-audience.dto';
import { ApiJson } from '../openapi/api-doc.decorators';
import { z } from 'zod';

@ApiTags('audiences')
@ApiBearerAuth()
@Controller('api/v1/audiences')
export class AudiencesController {
  constructor(private readonly audiences: AudienceRepository) {}

  /** "This will notify 183,402 customers", before anyone declares. */
  @Post('count')
  @HttpCode(200)
  @Roles(Role.commander, Role.comms)
  @ApiOperation({ summary: 'Count the customers an audience filter selects' })
  @ApiJson(200, 'AudienceCount', z.object({ count: z.number().int() }))
  async count(@Body() dto: CountAudienceDto): Promise<{ count: number }> {
    return { count: await this.audiences.count(dto.filter) };
  }
}
