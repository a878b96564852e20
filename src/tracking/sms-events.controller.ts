import { Controller, Headers, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiConsumes, ApiHeader, ApiTags, ApiOperation } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../auth/auth.decorators';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-code';
import { RecordedEvents } from './record-delivery-events/record-email-events.usecase';
import { RecordSmsEventsUseCase } from './record-delivery-events/record-sms-events.usecase';
import { SmsSignatureGuard } from './sms/sms-signature.guard';
import { recordedEventsSchema } from './dto/recorded-events.responses';
import { smsStatusCallbackSchema } from './dto/sms-event.dto';
import { ApiErrors, ApiJson, ApiRawBody, ApiSignedBy } from '../openapi/api-doc.decorators';

/** SMS status callbacks from the provider (signed; no API key). */
@ApiTags('events')
@Controller('api/v1/events')
export class SmsEventsController {
  constructor(private readonly events: RecordSmsEventsUseCase) {}

  /** Form-encoded `MessageSid`, `MessageStatus` (queued|sent|delivered|undelivered|failed), `ErrorCode`, `To`. */
  @Post('sms')
  @Public()
  @UseGuards(SmsSignatureGuard)
  @HttpCode(200)
  @ApiHeader({ name: 'X-Twilio-Signature', required: false, description: 'base64 HMAC-SHA1 (key SMS_TOKEN) of the callback URL followed by the form fields sorted by name, name+value, no separators' })
  @ApiHeader({ name: 'X-Tocsin-Signature', required: false, description: 'or sha256=<hex HMAC-SHA256 of the raw body with EVENTS_SIGNING_SECRET>' })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiOperation({ summary: 'Receive SMS status callbacks' })
  @ApiSignedBy('twilioSignature', 'eventSignature')
  @ApiRawBody('The status callback (other provider fields are kept as evidence)', { 'application/x-www-form-urlencoded': { name: 'SmsStatusCallback', schema: smsStatusCallbackSchema } })
  @ApiJson(200, 'RecordedEvents', recordedEventsSchema)
  @ApiErrors(403, 415, 422)
  receive(@Req() req: Request, @Headers('content-type') contentType: string | undefined): Promise<RecordedEvents> {
    const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') {
      throw new AppException(ErrorCode.UnsupportedMediaType, 'Send the status callback form-encoded (application/x-www-form-urlencoded)');
    }
    return this.events.fromForm(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
  }
}
