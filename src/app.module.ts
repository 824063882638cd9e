import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AuthGuard } from './common/auth/auth.guard.js';
import { ErrorFilter } from './common/graphql/error.filter.js';
import { AppGraphQLModule } from './common/graphql/graphql.module.js';
import { InputValidationPipe } from './common/graphql/validation.pipe.js';
import { UnitOfWorkModule } from './common/database/unit-of-work.module.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AgreementsModule } from './modules/agreements/agreements.module.js';
import { CommitmentsModule } from './modules/commitments/commitments.module.js';
import { FulfilmentModule } from './modules/fulfilment/fulfilment.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { OrganisationsModule } from './modules/organisations/organisations.module.js';
import { PlacesModule } from './modules/places/places.module.js';
import { ReportsModule } from './modules/reports/reports.module.js';
import { TimelineModule } from './modules/timeline/timeline.module.js';
import { ExportsModule } from './modules/exports/exports.module.js';
import { IdeModule } from './modules/ide/ide.module.js';
import { LabelsModule } from './modules/labels/labels.module.js';
import { UsersModule } from './modules/users/users.module.js';

@Module({})
export class AppModule {
  /** The app for a configuration that main.ts (or a test) loaded, with its database URL resolved. */
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        AppGraphQLModule,
        UnitOfWorkModule,
        HealthModule,
        PlacesModule,
        OrganisationsModule,
        UsersModule,
        AuditModule,
        AgreementsModule,
        CommitmentsModule,
        ReportsModule,
        FulfilmentModule,
        TimelineModule,
        ExportsModule,
        IdeModule,
        LabelsModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_PIPE, useClass: InputValidationPipe },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
    };
  }
}
