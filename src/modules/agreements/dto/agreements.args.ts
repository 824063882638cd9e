import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, Validate, ValidateNested } from 'class-validator';
import { PageArgs } from '../../../common/graphql/connection.js';
import { DateScalar } from '../../../common/graphql/date.scalar.js';
import { IsCalendarDate } from '../../../common/graphql/is-calendar-date.js';
import { PLACE_CODE } from '../../places/place-code.js';
import { AgreementStatus } from '../agreement-status.js';
import { AgreementKind, ThematicArea } from '../agreement.entity.js';

@InputType()
export class AgreementFilter {
  @Field(() => ID, { nullable: true, description: 'Agreements this organisation is party to' })
  @IsOptional()
  @IsUUID()
  partyId?: string;
  @Field(() => ID, { nullable: true, description: 'Agreements a current member of this network is party to' })
  @IsOptional()
  @IsUUID()
  networkId?: string;
  @Field(() => [AgreementStatus], { nullable: true }) @IsOptional() @IsEnum(AgreementStatus, { each: true }) statuses?: AgreementStatus[];
  @Field(() => [AgreementKind], { nullable: true }) @IsOptional() @IsEnum(AgreementKind, { each: true }) kinds?: AgreementKind[];
  @Field(() => ThematicArea, { nullable: true }) @IsOptional() @IsEnum(ThematicArea) thematicArea?: ThematicArea;
  @Field(() => String, { nullable: true, description: 'Covering this place or anywhere inside it' })
  @IsOptional()
  @Matches(PLACE_CODE, { message: 'placeCodeFormat' })
  placeCode?: string;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() @Validate(IsCalendarDate) signedFrom?: string;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() @Validate(IsCalendarDate) signedTo?: string;
  @Field(() => Int, { nullable: true, description: 'ACTIVE and ending within this many days from today' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  expiringWithinDays?: number;
  @Field({ nullable: true, description: 'Case-insensitive part of the title or reference' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

@ArgsType()
export class AgreementsArgs extends PageArgs {
  @Field(() => AgreementFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AgreementFilter)
  filter?: AgreementFilter;
}
