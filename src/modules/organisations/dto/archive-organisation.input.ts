import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsString, IsUUID, Length, Min } from 'class-validator';

@InputType()
export class ArchiveOrganisationInput {
  @Field(() => ID) @IsUUID() id: string;
  @Field(() => Int, { description: 'The version the change was made against; a stale one gets CONFLICT' })
  @IsInt()
  @Min(1)
  version: number;
  @Field({ description: 'Why it is archived; kept in the history' }) @IsString() @Length(3, 1000) reason: string;
}
