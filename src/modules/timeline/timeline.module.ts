import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { TimelineResolver } from './timeline.resolver.js';
import { TimelineService } from './timeline.service.js';

/** The story of a partnership, from the history: signed, amended, renewed, reported, reviewed. */
@Module({ imports: [AuditModule, OrganisationsModule], providers: [TimelineService, TimelineResolver] })
export class TimelineModule {}
