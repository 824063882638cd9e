import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsEnum, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { PLACE_CODE } from '../../places/place-code.js';
import { OrganisationKind } from '../organisation.entity.js';
import { ContactInput } from './contact.input.js';

@InputType()
export class CreateOrganisationInput {
  @Field(() => OrganisationKind) @IsEnum(OrganisationKind) kind: OrganisationKind;
  @Field() @IsString() @Length(2, 200) name: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 50) shortName?: string | null;
  @Field(() => ID, { nullable: true, description: 'A regional branch names its national body here' })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;
  @Field(() => String, { nullable: true, description: 'Kemendagri code of any level' })
  @IsOptional()
  @Matches(PLACE_CODE, { message: 'placeCodeFormat' })
  placeCode?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(500) address?: string | null;
  @Field(() => [ContactInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ContactInput)
  contacts?: ContactInput[];
}
