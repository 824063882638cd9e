import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsUUID, Matches, Validate, ValidateNested } from 'class-validator';
import { PageArgs } from '../../../common/graphql/connection.js';
import { DateScalar } from '../../../common/graphql/date.scalar.js';
import { IsCalendarDate } from '../../../common/graphql/is-calendar-date.js';
import { CommitmentCategory } from '../../commitments/commitment.entity.js';
import { PLACE_CODE } from '../../places/place-code.js';
import { FulfilmentGrouping } from '../fulfilment.type.js';

@InputType()
export class FulfilmentFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() agreementId?: string;
  @Field(() => ID, { nullable: true, description: 'The responsible organisation' }) @IsOptional() @IsUUID() organisationId?: string;
  @Field(() => ID, { nullable: true, description: 'Responsible organisations that are current members of this network' })
  @IsOptional()
  @IsUUID()
  networkId?: string;
  @Field(() => String, { nullable: true, description: 'Commitments with a place in this place or inside it' })
  @IsOptional()
  @Matches(PLACE_CODE, { message: 'placeCodeFormat' })
  placeCode?: string;
  @Field(() => CommitmentCategory, { nullable: true }) @IsOptional() @IsEnum(CommitmentCategory) category?: CommitmentCategory;
  @Field(() => DateScalar, { nullable: true, description: 'Commitments due on or after' }) @IsOptional() @Validate(IsCalendarDate) dueFrom?: string;
  @Field(() => DateScalar, { nullable: true, description: 'Commitments due on or before' }) @IsOptional() @Validate(IsCalendarDate) dueTo?: string;
}

@ArgsType()
export class FulfilmentSummaryArgs extends PageArgs {
  @Field(() => FulfilmentGrouping) @IsEnum(FulfilmentGrouping) groupBy: FulfilmentGrouping;
  @Field(() => FulfilmentFilter, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => FulfilmentFilter) filter?: FulfilmentFilter;
  @Field(() => DateScalar, { nullable: true, description: 'The day to judge on (default: today in WIB)' })
  @IsOptional()
  @Validate(IsCalendarDate)
  asOf?: string;
}

@ArgsType()
export class FulfilmentPageArgs extends PageArgs {
  @Field(() => FulfilmentFilter, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => FulfilmentFilter) filter?: FulfilmentFilter;
  @Field(() => DateScalar, { nullable: true, description: 'The day to judge on (default: today in WIB)' })
  @IsOptional()
  @Validate(IsCalendarDate)
  asOf?: string;
}
