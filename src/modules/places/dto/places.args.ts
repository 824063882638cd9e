import { ArgsType, Field } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PageArgs } from '../../../common/graphql/connection.js';
import { PlaceLevel } from '../place.entity.js';
import { PLACE_CODE } from '../place-code.js';

@ArgsType()
export class PlacesArgs extends PageArgs {
  @Field(() => PlaceLevel, { nullable: true })
  @IsOptional()
  @IsEnum(PlaceLevel)
  level?: PlaceLevel;

  @Field(() => String, { nullable: true, description: 'Only the direct children of this place' })
  @IsOptional()
  @Matches(PLACE_CODE, { message: 'placeCodeFormat' })
  parentCode?: string;

  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the name' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  search?: string;
}
