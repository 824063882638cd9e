import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { PageArgs } from '../../../common/graphql/connection.js';
import { PLACE_CODE } from '../../places/place-code.js';
import { OrganisationKind } from '../organisation.entity.js';
import { OrganisationStatus } from '../organisation.type.js';

@InputType()
export class OrganisationFilter {
  @Field(() => [OrganisationKind], { nullable: true }) @IsOptional() @IsEnum(OrganisationKind, { each: true }) kinds?: OrganisationKind[];
  @Field(() => ID, { nullable: true, description: 'Current members of this network' }) @IsOptional() @IsUUID() networkId?: string;
  @Field(() => String, { nullable: true, description: 'In this place or anywhere inside it' })
  @IsOptional()
  @Matches(PLACE_CODE, { message: 'placeCodeFormat' })
  placeCode?: string;
  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the name or short name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
  @Field(() => OrganisationStatus, { nullable: true, description: 'ACTIVE when omitted' })
  @IsOptional()
  @IsEnum(OrganisationStatus)
  status?: OrganisationStatus;
}

@ArgsType()
export class OrganisationsArgs extends PageArgs {
  @Field(() => OrganisationFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => OrganisationFilter)
  filter?: OrganisationFilter;
}
