import { Controller, Headers, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiConsumes, ApiHeader, ApiTags, ApiOperation } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../auth/auth.decorators';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { EventSignatureGuard } from './event-signature.guard';
import { RecordedEvents, RecordEmailEventsUseCase } from './record-delivery-events/record-email-events.usecase';
import { recordedEventsSchema } from './dto/recorded-events.responses';
import { emailEventsBody } from './dto/email-event.dto';
import { ApiErrors, ApiJson, ApiRawBody, ApiSignedBy } from '../openapi/api-doc.decorators';

/** Delivery, bounce and complaint events from the email provider (signed; no API key). */
@ApiTags('events')
@Controller('api/v1/events')
export class EmailEventsController {
  constructor(private readonly events: RecordEmailEventsUseCase) {}

  /**
   * A bounce message (raw, `message/rfc822` or `text/plain`) or JSON events
   * `{type: delivered|bounced|complained, notificationId|messageId, reason?, status?, at?}` (one or an array).
   */
  @Post('email')
  @Public()
  @UseGuards(EventSignatureGuard)
  @HttpCode(200)
  @ApiHeader({ name: 'X-Tocsin-Signature', required: true, description: 'sha256=<hex HMAC-SHA256 of the raw body with EVENTS_SIGNING_SECRET>' })
  @ApiConsumes('application/json', 'message/rfc822', 'text/plain')
  @ApiOperation({ summary: 'Receive email provider events' })
  @ApiSignedBy('eventSignature')
  @ApiRawBody('JSON events (one or an array), or a bounce message', { 'application/json': { name: 'EmailEvents', schema: emailEventsBody }, 'message/rfc822': { type: 'string' }, 'text/plain': { type: 'string' } })
  @ApiJson(200, 'RecordedEvents', recordedEventsSchema, 'Every event kept as evidence; `applied` changed a notification')
  @ApiErrors(415, 422)
  receive(@Req() req: Request, @Headers('content-type') contentType: string | undefined): Promise<RecordedEvents> {
    const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (type === 'application/json' || type.endsWith('+json')) return this.events.fromJson(body);
    if (type === 'message/rfc822' || type === 'text/plain') return this.events.fromMessage(body);
    throw new AppException(ErrorCode.UnsupportedMediaType, 'Send JSON events (application/json) or a bounce message (message/rfc822 or text/plain)');
  }
}
