import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsDate, IsOptional, IsUUID } from 'class-validator';
import { PageArgs } from '../../../common/graphql/connection.js';

@ArgsType()
export class TimelineArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'What concerns this organisation' }) @IsOptional() @IsUUID() organisationId?: string;
  @Field(() => ID, { nullable: true, description: 'What concerns the network or its members while they were members' })
  @IsOptional()
  @IsUUID()
  networkId?: string;
  @Field(() => ID, { nullable: true, description: 'The agreement, its commitments and their reports' }) @IsOptional() @IsUUID() agreementId?: string;
  @Field(() => Date, { nullable: true, description: 'From this moment (inclusive)' }) @IsOptional() @IsDate() from?: Date;
  @Field(() => Date, { nullable: true, description: 'Before this moment (exclusive)' }) @IsOptional() @IsDate() to?: Date;
}
