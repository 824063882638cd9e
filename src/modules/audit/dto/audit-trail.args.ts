import { ArgsType, Field, ID, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { PageArgs } from '../../../common/graphql/connection.js';

export enum AuditOrder {
  NEWEST_FIRST = 'NEWEST_FIRST',
  OLDEST_FIRST = 'OLDEST_FIRST',
}
registerEnumType(AuditOrder, { name: 'AuditOrder' });

@InputType()
export class AuditTrailFilter {
  @Field({ nullable: true, description: 'Organisation, NetworkMembership, User, Agreement, …' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  entityType?: string;

  @Field(() => ID, { nullable: true }) @IsOptional() @IsString() @MaxLength(64) entityId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() actorId?: string;
  @Field(() => ID, { nullable: true, description: 'Entries about records that concern this organisation' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(60) action?: string;
  @Field(() => Date, { nullable: true, description: 'From this moment (inclusive)' }) @IsOptional() @IsDate() from?: Date;
  @Field(() => Date, { nullable: true, description: 'Before this moment (exclusive)' }) @IsOptional() @IsDate() to?: Date;
}

@ArgsType()
export class AuditTrailArgs extends PageArgs {
  @Field(() => AuditTrailFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuditTrailFilter)
  filter?: AuditTrailFilter;

  @Field(() => AuditOrder, { nullable: true, defaultValue: AuditOrder.NEWEST_FIRST })
  @IsOptional()
  @IsEnum(AuditOrder)
  order: AuditOrder = AuditOrder.NEWEST_FIRST;
}

@ArgsType()
export class RecordHistoryArgs extends PageArgs {
  @Field() @IsString() @MaxLength(60) entityType: string;
  @Field(() => ID) @IsString() @MaxLength(64) entityId: string;
}

@ArgsType()
export class RecordAtArgs {
  @Field() @IsString() @MaxLength(60) entityType: string;
  @Field(() => ID) @IsString() @MaxLength(64) entityId: string;
  @Field(() => Date, { description: 'The moment to show the record at' }) @IsDate() at: Date;
}
