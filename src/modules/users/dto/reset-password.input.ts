import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsString, IsUUID, MaxLength, Min } from 'class-validator';

@InputType()
export class ResetPasswordInput {
  @Field(() => ID) @IsUUID() id: string;
  @Field(() => Int, { description: 'The version the change was made against; a stale one gets CONFLICT' }) @IsInt() @Min(1) version: number;
  @Field({ description: 'The new password; all of the user’s sessions end' }) @IsString() @MaxLength(200) newPassword: string;
}
