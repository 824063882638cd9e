import { PartialEdit } from '../../../common/validation/partial-edit.js';
import { Field, ID, InputType, Int, PartialType } from '@nestjs/graphql';
import { IsInt, IsUUID, Min } from 'class-validator';
import { CreateOrganisationInput } from './create-organisation.input.js';

@InputType()
@PartialEdit('shortName', 'parentId', 'placeCode', 'address')
export class UpdateOrganisationInput extends PartialType(CreateOrganisationInput) {
  @Field(() => ID) @IsUUID() id: string;
  @Field(() => Int, { description: 'The version the change was made against; a stale one gets CONFLICT' })
  @IsInt()
  @Min(1)
  version: number;
}
