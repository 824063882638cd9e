import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { Role } from '../../../common/auth/role.js';
import { PageArgs } from '../../../common/graphql/connection.js';

@InputType()
export class UsersFilter {
  @Field(() => [Role], { nullable: true }) @IsOptional() @IsEnum(Role, { each: true }) roles?: Role[];
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() organisationId?: string;
  @Field({ nullable: true, description: 'Case-insensitive, in email and display name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
  @Field({ nullable: true, description: 'Deactivated users too (default: active only)' })
  @IsOptional()
  @IsBoolean()
  includeDeactivated?: boolean;
}

@ArgsType()
export class UsersArgs extends PageArgs {
  @Field(() => UsersFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => UsersFilter)
  filter?: UsersFilter;
}
