import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  Validate,
  ValidateNested,
} from 'class-validator';
import { DateScalar } from '../../../common/graphql/date.scalar.js';
import { IsCalendarDate } from '../../../common/graphql/is-calendar-date.js';
import { PLACE_CODE } from '../../places/place-code.js';
import { AgreementKind, ThematicArea } from '../agreement.entity.js';
import { DocumentInput, KeyPointInput, PartyInput } from './agreement-parts.input.js';

@InputType()
export class CreateAgreementInput {
  @Field(() => AgreementKind) @IsEnum(AgreementKind) kind: AgreementKind;
  @Field({ description: 'Unique, whatever its case' }) @IsString() @Length(1, 100) reference: string;
  @Field() @IsString() @Length(3, 300) title: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(10000) summary?: string | null;

  @Field(() => [ThematicArea], { nullable: true })
  @IsOptional()
  @IsEnum(ThematicArea, { each: true })
  thematicAreas?: ThematicArea[];

  @Field(() => [PartyInput], { description: 'Two or more organisations, each once' })
  @ArrayMinSize(2)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PartyInput)
  parties: PartyInput[];

  @Field(() => DateScalar, { nullable: true }) @IsOptional() @Validate(IsCalendarDate) signedOn?: string | null;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() @Validate(IsCalendarDate) effectiveFrom?: string | null;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() @Validate(IsCalendarDate) effectiveUntil?: string | null;

  @Field(() => [KeyPointInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => KeyPointInput)
  keyPoints?: KeyPointInput[];

  @Field(() => [String], { nullable: true, description: 'Kemendagri codes of the areas covered' })
  @IsOptional()
  @ArrayMaxSize(500)
  @Matches(PLACE_CODE, { each: true, message: 'placeCodeFormat' })
  coveragePlaceCodes?: string[];

  @Field(() => [DocumentInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DocumentInput)
  documents?: DocumentInput[];
}
