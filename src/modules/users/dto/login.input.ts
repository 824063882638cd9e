import { Field, InputType } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';

@InputType()
export class LoginInput {
  @Field() @IsString() @MaxLength(254) email: string;
  @Field() @IsString() @MaxLength(200) password: string;
}
