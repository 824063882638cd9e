import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, Length, Validate } from 'class-validator';
import { DateScalar } from '../../../common/graphql/date.scalar.js';
import { IsCalendarDate } from '../../../common/graphql/is-calendar-date.js';

@InputType()
export class EndNetworkMembershipInput {
  @Field(() => ID) @IsUUID() membershipId: string;
  @Field(() => DateScalar) @Validate(IsCalendarDate) leftOn: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(3, 1000) reason?: string;
}
