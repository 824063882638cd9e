import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, IsUrl, IsUUID, Length, Matches, MaxLength, Min } from 'class-validator';
import { SHA256 } from '../../../common/validation/patterns.js';
import { PartyRole } from '../agreement-party.entity.js';

@InputType()
export class PartyInput {
  @Field(() => ID) @IsUUID() organisationId: string;
  @Field(() => PartyRole) @IsEnum(PartyRole) role: PartyRole;
  @Field(() => String, { nullable: true, description: 'Who signed for the organisation' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  signatoryName?: string | null;
  @Field(() => String, { nullable: true, description: 'Their title, e.g. Ketua' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  signatoryTitle?: string | null;
}

@InputType()
export class KeyPointInput {
  @Field(() => Int, { description: 'The number of the point in the agreement, from 1' }) @IsInt() @Min(1) number: number;
  @Field() @IsString() @Length(1, 5000) text: string;
}

@InputType()
export class DocumentInput {
  @Field() @IsString() @Length(1, 300) title: string;
  @Field() @IsUrl({ protocols: ['http', 'https'], require_protocol: true }) @MaxLength(2000) url: string;
  @Field(() => String, { nullable: true, description: 'SHA-256 of the file, 64 lower-case hex characters' })
  @IsOptional()
  @Matches(SHA256, { message: 'sha256Format' })
  sha256?: string | null;
}
