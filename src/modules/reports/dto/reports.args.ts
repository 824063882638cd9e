import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { PageArgs } from '../../../common/graphql/connection.js';
import { ReportStatus } from '../progress-report.entity.js';

@InputType()
export class ReportFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() commitmentId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() agreementId?: string;
  @Field(() => ID, { nullable: true, description: 'The responsible organisation' }) @IsOptional() @IsUUID() organisationId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() periodId?: string;
  @Field(() => [ReportStatus], { nullable: true }) @IsOptional() @IsEnum(ReportStatus, { each: true }) statuses?: ReportStatus[];
}

@ArgsType()
export class ReportsArgs extends PageArgs {
  @Field(() => ReportFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReportFilter)
  filter?: ReportFilter;
}
