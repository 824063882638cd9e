import { Args, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../../common/auth/allow.decorator.js';
import { READERS, Role } from '../../common/auth/role.js';
import { Ctx } from '../../common/context/context.decorator.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { AuditService } from './audit.service.js';
import { AuditTrailArgs, RecordAtArgs, RecordHistoryArgs } from './dto/audit-trail.args.js';
import { VerifyAuditTrailArgs } from './dto/verify-audit-trail.args.js';
import { AuditHead, AuditVerification, HistoryEntry, HistoryEntryConnection } from './history-entry.type.js';

const AUDITORS = [Role.ADMIN, Role.AUDITOR];

@Resolver()
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => HistoryEntryConnection, {
    description:
      'Every change, filtered; newest first unless asked. Coordinators: all but non-partner accounts; partners: entries about their own organisation only',
  })
  @Allow(...AUDITORS, Role.COORDINATOR, Role.PARTNER)
  auditTrail(@Ctx() ctx: RequestContext, @Args() args: AuditTrailArgs): Promise<HistoryEntryConnection> {
    return this.audit.trail(ctx, args);
  }

  @Query(() => HistoryEntryConnection, { description: 'The history of one record, oldest first' })
  @Allow(...READERS)
  history(@Ctx() ctx: RequestContext, @Args() args: RecordHistoryArgs): Promise<HistoryEntryConnection> {
    return this.audit.recordHistory(ctx, args);
  }

  @Query(() => HistoryEntry, {
    nullable: true,
    description: 'The record as it stood at a moment: the last entry about it then (its `state`)',
  })
  @Allow(...READERS)
  recordAt(@Ctx() ctx: RequestContext, @Args() args: RecordAtArgs): Promise<HistoryEntry | null> {
    return this.audit.recordAt(ctx, args);
  }

  @Query(() => AuditHead, { description: 'The latest sequence number and hash: keep them outside the system' })
  @Allow(...AUDITORS)
  auditHead(@Ctx() ctx: RequestContext): Promise<AuditHead> {
    return this.audit.head(ctx);
  }

  @Query(() => AuditVerification, { description: 'Recomputes the hash chain and names the first entry that does not match' })
  @Allow(...AUDITORS)
  verifyAuditTrail(@Args() args: VerifyAuditTrailArgs): Promise<AuditVerification> {
    return this.audit.verify(args);
  }
}
