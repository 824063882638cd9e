import { Field, ID, InputType } from '@nestjs/graphql';
import { IsUUID, Validate } from 'class-validator';
import { DateScalar } from '../../../common/graphql/date.scalar.js';
import { IsCalendarDate } from '../../../common/graphql/is-calendar-date.js';

@InputType()
export class AddNetworkMemberInput {
  @Field(() => ID) @IsUUID() networkId: string;
  @Field(() => ID) @IsUUID() memberId: string;
  @Field(() => DateScalar) @Validate(IsCalendarDate) joinedOn: string;
}
