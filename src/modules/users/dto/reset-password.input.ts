import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, IsUUID, MaxLength } from 'class-validator';

@InputType()
export class ResetPasswordInput {
  @Field(() => ID) @IsUUID() id: string;
  @Field({ description: 'The new password; all of the user’s sessions end' }) @IsString() @MaxLength(200) newPassword: string;
}
