import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
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
import { MAX_FIGURE, MAX_PEOPLE, SHA256 } from '../../../common/validation/patterns.js';
import { PLACE_CODE } from '../../places/place-code.js';
import { EvidenceKind } from '../report-evidence.entity.js';

@InputType()
export class ReportValueInput {
  @Field(() => ID, { description: 'A target of the commitment' }) @IsUUID() targetId: string;
  @Field(() => Float, { description: `At most ${MAX_FIGURE}` }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(MAX_FIGURE) value: number;
}

@InputType({ description: 'People reached; "with disability" counts are included in their group' })
export class PeopleInput {
  @Field(() => Int, { defaultValue: 0 }) @IsInt() @Min(0) @Max(MAX_PEOPLE) girls: number = 0;
  @Field(() => Int, { defaultValue: 0 }) @IsInt() @Min(0) @Max(MAX_PEOPLE) boys: number = 0;
  @Field(() => Int, { defaultValue: 0 }) @IsInt() @Min(0) @Max(MAX_PEOPLE) women: number = 0;
  @Field(() => Int, { defaultValue: 0 }) @IsInt() @Min(0) @Max(MAX_PEOPLE) men: number = 0;
  @Field(() => Int, { defaultValue: 0 }) @IsInt() @Min(0) @Max(MAX_PEOPLE) girlsWithDisability: number = 0;
  @Field(() => Int, { defaultValue: 0 }) @IsInt() @Min(0) @Max(MAX_PEOPLE) boysWithDisability: number = 0;
  @Field(() => Int, { defaultValue: 0 }) @IsInt() @Min(0) @Max(MAX_PEOPLE) womenWithDisability: number = 0;
  @Field(() => Int, { defaultValue: 0 }) @IsInt() @Min(0) @Max(MAX_PEOPLE) menWithDisability: number = 0;
  @Field(() => Int, { nullable: true, description: 'When given, must equal girls + boys + women + men' })
  @IsOptional()
  @IsInt()
  @Min(0)
  total?: number | null;
}

@InputType()
export class EvidenceInput {
  @Field(() => EvidenceKind) @IsEnum(EvidenceKind) kind: EvidenceKind;
  @Field() @IsString() @Length(1, 300) title: string;
  @Field() @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'httpUrl' }) @MaxLength(2000) url: string;
  @Field(() => String, { nullable: true, description: 'SHA-256 of the file, 64 lower-case hex characters' })
  @IsOptional()
  @Matches(SHA256, { message: 'sha256Format' })
  sha256?: string | null;
}

/** What a report says, shared by createReport and updateReport. */
@InputType({ isAbstract: true })
export class ReportContentInput {
  @Field(() => DateScalar) @Validate(IsCalendarDate) activityFrom: string;
  @Field(() => DateScalar) @Validate(IsCalendarDate) activityUntil: string;

  @Field(() => [String], { nullable: true, description: 'Kemendagri codes, inside the commitment’s places when it has some' })
  @IsOptional()
  @ArrayMaxSize(200)
  @Matches(PLACE_CODE, { each: true, message: 'placeCodeFormat' })
  placeCodes?: string[];

  @Field(() => [ReportValueInput], { description: 'Achieved value per target of the commitment' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ReportValueInput)
  values: ReportValueInput[];

  @Field(() => PeopleInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => PeopleInput)
  people?: PeopleInput;

  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(20000) narrative?: string | null;

  @Field(() => [EvidenceInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EvidenceInput)
  evidence?: EvidenceInput[];
}

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,100}$/;
