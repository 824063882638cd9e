import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, IsUUID, Length, Min } from 'class-validator';

@InputType()
export class DeactivateUserInput {
  @Field(() => ID) @IsUUID() id: string;
  @Field(() => Int, { description: 'The version the change was made against; a stale one gets CONFLICT' }) @IsInt() @Min(1) version: number;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(3, 1000) reason?: string;
}
