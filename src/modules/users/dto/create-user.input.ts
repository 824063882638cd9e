import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEmail, IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Role } from '../../../common/auth/role.js';

@InputType()
export class CreateUserInput {
  @Field() @IsEmail() @MaxLength(254) email: string;
  @Field() @IsString() @MinLength(1) @MaxLength(120) displayName: string;
  @Field(() => Role) @IsEnum(Role) role: Role;

  @Field(() => ID, { nullable: true, description: 'Required for a PARTNER: the organisation they report for' })
  @IsOptional()
  @IsUUID()
  organisationId?: string | null;

  @Field({ description: 'At least 10 characters and not easy to guess' })
  @IsString()
  @MaxLength(200)
  password: string;
}
