import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.module';
import { codeHash, decryptCode, deriveOfferKeys, encryptCode, OfferKeys } from './offer-code-cipher';

/** Only for development and test processes started with neither OFFER_CODE_KEY nor NOTICE_TOKEN_SECRET. */
const DEVELOPMENT_SECRET = 'tocsin-development-only-offer-code-key-not-for-production';

/** Encrypts, decrypts and hashes offer codes with the configured key. Codes are never logged. */
@Injectable()
export class OfferCodes {
  private readonly keys: OfferKeys;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // NOTICE_TOKEN_SECRET (required in production) serves when no key of its own is set: the derivation
    // labels keep the two uses apart
    const secret = config.OFFER_CODE_KEY ?? config.NOTICE_TOKEN_SECRET;
    if (!secret) new Logger(OfferCodes.name).warn('neither OFFER_CODE_KEY nor NOTICE_TOKEN_SECRET is set: offer codes use a fixed development key');
    this.keys = deriveOfferKeys(secret ?? DEVELOPMENT_SECRET);
  }

  seal(offerId: string, code: string): { enc: Buffer; hash: Buffer } {
    return { enc: encryptCode(this.keys, offerId, code), hash: codeHash(this.keys, offerId, code) };
  }

  open(offerId: string, enc: Buffer): string {
    return decryptCode(this.keys, offerId, enc);
  }
}
