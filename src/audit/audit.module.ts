import { Global, Module } from '@nestjs/common';
import { AuditChainInstaller } from './audit-chain.installer';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

/** The audit trail's one writer and its database side (chain and append-only triggers), in every process. */
@Global()
@Module({ providers: [AuditRepository, AuditChainInstaller, AuditService], exports: [AuditRepository, AuditService] })
export class AuditModule {}
