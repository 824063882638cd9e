import { Field, InputType } from '@nestjs/graphql';
import { IsEmail, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';

@InputType()
export class ContactInput {
  @Field() @IsString() @Length(1, 120) name: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(120) role?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsEmail() email?: string | null;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{6,20}$/, { message: 'phoneFormat' })
  phone?: string | null;
}
