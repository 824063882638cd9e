import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { PlacesModule } from '../places/places.module.js';
import { NetworkMembershipEntity } from './network-membership.entity.js';
import { OrganisationEntity } from './organisation.entity.js';
import { OrganisationLoader } from './organisation.loader.js';
import { NetworkMembershipResolver, OrganisationsResolver } from './organisations.resolver.js';
import { OrganisationsService } from './organisations.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([OrganisationEntity, NetworkMembershipEntity]), AuditModule, PlacesModule],
  providers: [OrganisationsService, OrganisationLoader, OrganisationsResolver, NetworkMembershipResolver],
  exports: [OrganisationsService, OrganisationLoader],
})
export class OrganisationsModule {}
