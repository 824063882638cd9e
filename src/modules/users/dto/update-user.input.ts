import { PartialEdit } from '../../../common/validation/partial-edit.js';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsEmail, IsEnum, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength } from 'class-validator';
import { Role } from '../../../common/auth/role.js';

@InputType()
@PartialEdit('organisationId')
export class UpdateUserInput {
  @Field(() => ID) @IsUUID() id: string;
  @Field(() => Int, { description: 'The version the change was made against; a stale one gets CONFLICT' }) @IsInt() @Min(1) version: number;
  @Field({ nullable: true }) @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MinLength(1) @MaxLength(120) displayName?: string;
  @Field(() => Role, { nullable: true }) @IsOptional() @IsEnum(Role) role?: Role;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() organisationId?: string | null;
}
