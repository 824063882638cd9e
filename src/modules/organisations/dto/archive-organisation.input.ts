import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, IsUUID, Length } from 'class-validator';

@InputType()
export class ArchiveOrganisationInput {
  @Field(() => ID) @IsUUID() id: string;
  @Field({ description: 'Why it is archived; kept in the history' }) @IsString() @Length(3, 1000) reason: string;
}
