import { PartialEdit } from '../../../common/validation/partial-edit.js';
import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidateNested,
} from 'class-validator';
import { DateScalar } from '../../../common/graphql/date.scalar.js';
import { IsCalendarDate } from '../../../common/graphql/is-calendar-date.js';
import { MAX_FIGURE } from '../../../common/validation/patterns.js';
import { PLACE_CODE } from '../../places/place-code.js';
import { TargetAggregation } from '../commitment-target.entity.js';
import { CommitmentCategory, ReportingSchedule } from '../commitment.entity.js';

@InputType()
export class TargetInput {
  @Field({ description: 'What is counted, e.g. "Union members trained"' }) @IsString() @Length(1, 200) indicator: string;
  @Field({ description: 'sessions, people, facilities, …' }) @IsString() @Length(1, 50) unit: string;
  @Field(() => Float, { nullable: true, defaultValue: 0 }) @IsOptional() @IsNumber() @Min(0) @Max(MAX_FIGURE) baseline?: number;
  // Kept with two decimals: anything below 0.01 would be kept as 0, and progress divides by it.
  @Field(() => Float, { description: `At least 0.01, at most ${MAX_FIGURE}` }) @IsNumber() @Min(0.01) @Max(MAX_FIGURE) targetValue: number;
  @Field(() => TargetAggregation, { nullable: true, defaultValue: TargetAggregation.SUM, description: 'SUM: reports add up; LATEST: the latest accepted value stands' })
  @IsOptional()
  @IsEnum(TargetAggregation)
  aggregation?: TargetAggregation;
}

@InputType()
export class AddCommitmentInput {
  @Field(() => ID) @IsUUID() agreementId: string;
  @Field(() => ID, { description: 'A party of the agreement' }) @IsUUID() responsibleOrganisationId: string;
  @Field(() => CommitmentCategory) @IsEnum(CommitmentCategory) category: CommitmentCategory;
  @Field() @IsString() @Length(3, 300) title: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(10000) description?: string | null;
  @Field(() => Int, { nullable: true, description: 'The number of the key point it implements' })
  @IsOptional()
  @IsInt()
  @Min(1)
  keyPointNumber?: number | null;
  @Field(() => DateScalar) @Validate(IsCalendarDate) startOn: string;
  @Field(() => DateScalar) @Validate(IsCalendarDate) dueOn: string;

  @Field(() => [String], { nullable: true, description: 'Kemendagri codes; inside the agreement’s coverage when it has one' })
  @IsOptional()
  @ArrayMaxSize(500)
  @Matches(PLACE_CODE, { each: true, message: 'placeCodeFormat' })
  placeCodes?: string[];

  @Field(() => [TargetInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => TargetInput)
  targets: TargetInput[];

  @Field(() => ReportingSchedule, { nullable: true, defaultValue: ReportingSchedule.NONE })
  @IsOptional()
  @IsEnum(ReportingSchedule)
  reportingSchedule?: ReportingSchedule;

  @Field(() => [DateScalar], { nullable: true, description: 'With reportingSchedule CUSTOM: the report due dates' })
  @IsOptional()
  @ArrayMaxSize(120)
  @Validate(IsCalendarDate, { each: true })
  dueDates?: string[];
}

/** Only the fields sent change: no field here has a default (a default would overwrite what was not sent). */
@InputType({ description: 'Changes the fields given; once a report exists, dates, schedule, targets and the responsible organisation stay as they are' })
@PartialEdit('description', 'keyPointNumber')
export class UpdateCommitmentInput {
  @Field(() => ID) @IsUUID() id: string;
  @Field(() => Int, { description: 'The version the change was made against; a stale one gets CONFLICT' }) @IsInt() @Min(1) version: number;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() responsibleOrganisationId?: string;
  @Field(() => CommitmentCategory, { nullable: true }) @IsOptional() @IsEnum(CommitmentCategory) category?: CommitmentCategory;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(3, 300) title?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(10000) description?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) keyPointNumber?: number | null;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() @Validate(IsCalendarDate) startOn?: string;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() @Validate(IsCalendarDate) dueOn?: string;

  @Field(() => [String], { nullable: true, description: 'Replaces the places; inside the agreement’s coverage when it has one' })
  @IsOptional()
  @ArrayMaxSize(500)
  @Matches(PLACE_CODE, { each: true, message: 'placeCodeFormat' })
  placeCodes?: string[];

  @Field(() => [TargetInput], { nullable: true, description: 'Replaces the targets' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => TargetInput)
  targets?: TargetInput[];

  @Field(() => ReportingSchedule, { nullable: true }) @IsOptional() @IsEnum(ReportingSchedule) reportingSchedule?: ReportingSchedule;

  @Field(() => [DateScalar], { nullable: true, description: 'With reportingSchedule CUSTOM: the report due dates' })
  @IsOptional()
  @ArrayMaxSize(120)
  @Validate(IsCalendarDate, { each: true })
  dueDates?: string[];
}

@InputType()
export class CancelCommitmentInput {
  @Field(() => ID) @IsUUID() id: string;
  @Field(() => Int, { description: 'The version the change was made against; a stale one gets CONFLICT' }) @IsInt() @Min(1) version: number;
  @Field({ description: 'Why it is cancelled; kept in the history' }) @IsString() @Length(3, 2000) reason: string;
}
