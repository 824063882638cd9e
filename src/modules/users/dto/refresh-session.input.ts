import { Field, InputType } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';

@InputType()
export class RefreshSessionInput {
  @Field({ description: 'The refresh token from login or the last refreshSession; each is usable once' })
  @IsString()
  @MaxLength(300)
  refreshToken: string;
}
