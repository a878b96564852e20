import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, Roles } from '../../auth/auth.decorators';
import { type Actor, Role } from '../../auth/role';
import { ClockActions } from './clock-actions.service';
import { IncidentTimeDto, OrganisationProfileDto, RecordSubmissionDto } from './dto/clock.dto';
import { incidentTimeSchema, organisationProfileViewSchema, submissionSchema } from '../dto/incident.responses';
import { ApiErrors, ApiJson, ApiRaw } from '../../openapi/api-doc.decorators';

const IdPipe = new ParseUUIDPipe({ version: '4' });

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('api/v1')
export class ClocksController {
  constructor(private readonly actions: ClockActions) {}

  /** Records a filing made outside Tocsin (portal, EDGAR): it meets the clock as of submittedAt. Audited. */
  @Post('incidents/:id/clocks/:clockId/submissions')
  @HttpCode(201)
  @Roles(Role.commander)
  @ApiOperation({ summary: 'Record a regulatory filing' })
  @ApiJson(201, 'Submission', submissionSchema, 'Recorded (the file stays with it), and the steps replanned')
  @ApiErrors(409)
  submit(@Param('id', IdPipe) id: string, @Param('clockId') clockId: string, @Body() body: RecordSubmissionDto, @CurrentActor() actor: Actor) {
    return this.actions.recordSubmission(id, clockId, body, actor);
  }

  /** The file kept with a submission, byte for byte (its SHA-256 is in the report). */
  @Get('incidents/:id/submissions/:submissionId/file')
  @Roles(Role.viewer)
  @ApiOperation({ summary: 'Download a filing\'s file' })
  @ApiRaw(200, 'The file, byte for byte, in the media type it was recorded with', { 'application/octet-stream': { type: 'string', format: 'binary' }, '*/*': { type: 'string', format: 'binary' } }, { 'X-Content-SHA256': { description: 'SHA-256 of the file (hex)', schema: { type: 'string' } } })
  async file(@Param('id', IdPipe) id: string, @Param('submissionId', IdPipe) sid: string, @Res() res: Response) {
    const f = await this.actions.submissionFile(id, sid);
    res.setHeader('Content-Type', f.fileContentType ?? 'application/octet-stream');
    res.setHeader('Content-Disposition', `attachment; filename="${(f.fileName ?? 'submission').replace(/[^\w.-]/g, '_')}"`);
    res.setHeader('X-Content-SHA256', f.fileSha256 ?? '');
    res.end(Buffer.from(f.fileData!));
  }

  /** NYDFS 500.17(a): the determination that a cybersecurity incident occurred starts the 72-hour clock. */
  @Post('incidents/:id/determination')
  @HttpCode(200)
  @Roles(Role.commander)
  @ApiOperation({ summary: 'Record the NYDFS determination' })
  @ApiJson(200, 'IncidentTime', incidentTimeSchema)
  @ApiErrors(409)
  determination(@Param('id', IdPipe) id: string, @Body() body: IncidentTimeDto, @CurrentActor() actor: Actor) {
    return this.actions.setTime(id, 'determination', body?.at ? new Date(body.at) : undefined, actor);
  }

  /** NYDFS 500.17(b): an extortion payment starts the 24-hour notice and the 30-day explanation clocks. */
  @Post('incidents/:id/extortion-payment')
  @HttpCode(200)
  @Roles(Role.commander)
  @ApiOperation({ summary: 'Record an extortion payment' })
  @ApiJson(200, 'IncidentTime', incidentTimeSchema)
  @ApiErrors(409)
  extortionPayment(@Param('id', IdPipe) id: string, @Body() body: IncidentTimeDto, @CurrentActor() actor: Actor) {
    return this.actions.setTime(id, 'extortion_payment', body?.at ? new Date(body.at) : undefined, actor);
  }

  /** Who the organisation is: which laws apply (frozen on each incident when it is declared). null until set. */
  @Get('organisation-profile')
  @Roles(Role.viewer)
  @ApiOperation({ summary: 'Get the organisation profile' })
  @ApiJson(200, 'OrganisationProfileView', organisationProfileViewSchema)
  async profile() {
    return { profile: await this.actions.profile() };
  }

  @Put('organisation-profile')
  @Roles(Role.admin)
  @ApiOperation({ summary: 'Save the organisation profile' })
  @ApiJson(200, 'OrganisationProfileView', organisationProfileViewSchema)
  async saveProfile(@Body() body: OrganisationProfileDto, @CurrentActor() actor: Actor) {
    return { profile: await this.actions.saveProfile(body, actor) };
  }
}
