import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsUUID, Validate, ValidateNested } from 'class-validator';
import { PageArgs } from '../../../common/graphql/connection.js';
import { DateScalar } from '../../../common/graphql/date.scalar.js';
import { IsCalendarDate } from '../../../common/graphql/is-calendar-date.js';
import { CommitmentCategory } from '../commitment.entity.js';

@InputType()
export class CommitmentFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() agreementId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() responsibleOrganisationId?: string;
  @Field(() => [CommitmentCategory], { nullable: true }) @IsOptional() @IsEnum(CommitmentCategory, { each: true }) categories?: CommitmentCategory[];
  @Field(() => DateScalar, { nullable: true, description: 'Due on or before this day' }) @IsOptional() @Validate(IsCalendarDate) dueBefore?: string;
}

@ArgsType()
export class CommitmentsArgs extends PageArgs {
  @Field(() => CommitmentFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CommitmentFilter)
  filter?: CommitmentFilter;
}
