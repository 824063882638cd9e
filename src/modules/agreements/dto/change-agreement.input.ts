import { PartialEdit } from '../../../common/validation/partial-edit.js';
import { Field, ID, InputType, Int, PartialType, PickType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, IsUUID, Length, Validate } from 'class-validator';
import { DateScalar } from '../../../common/graphql/date.scalar.js';
import { IsCalendarDate } from '../../../common/graphql/is-calendar-date.js';
import { CreateAgreementInput } from './create-agreement.input.js';

/** Identifies an agreement and the version a change was made against. */
@InputType({ isAbstract: true })
class VersionedInput {
  @Field(() => ID) @IsUUID() id: string;
  @Field(() => Int, { description: 'The version the change was made against; a stale one gets CONFLICT' })
  @IsInt()
  version: number;
}

@InputType({ description: 'Changes a DRAFT; lists given replace the old ones' })
@PartialEdit('summary', 'signedOn', 'effectiveFrom', 'effectiveUntil')
export class UpdateAgreementInput extends PartialType(CreateAgreementInput) {
  @Field(() => ID) @IsUUID() id: string;
  @Field(() => Int) @IsInt() version: number;
}

@InputType()
export class SignAgreementInput extends VersionedInput {
  @Field(() => DateScalar, { nullable: true, description: 'Required unless the draft has it' })
  @IsOptional()
  @Validate(IsCalendarDate)
  signedOn?: string;
  @Field(() => DateScalar, { nullable: true, description: 'Defaults to the signing date' })
  @IsOptional()
  @Validate(IsCalendarDate)
  effectiveFrom?: string;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() @Validate(IsCalendarDate) effectiveUntil?: string;
}

@InputType()
export class TerminateAgreementInput extends VersionedInput {
  @Field({ description: 'Why it ends; kept in the history' }) @IsString() @Length(3, 2000) reason: string;
}

@InputType({ description: 'Changes an ACTIVE agreement; the amendment is kept as its own numbered record' })
@PartialEdit('summary', 'effectiveUntil')
export class AmendAgreementInput extends PartialType(
  PickType(CreateAgreementInput, ['title', 'summary', 'thematicAreas', 'effectiveUntil', 'coveragePlaceCodes', 'keyPoints', 'documents']),
) {
  @Field(() => ID) @IsUUID() id: string;
  @Field(() => Int) @IsInt() version: number;
  @Field({ description: 'Why it is amended' }) @IsString() @Length(3, 2000) reason: string;
}

@InputType({ description: 'A new DRAFT that renews the agreement, with its parties, points and open commitments' })
export class RenewAgreementInput extends PartialType(
  PickType(CreateAgreementInput, ['title', 'summary', 'signedOn', 'effectiveFrom', 'effectiveUntil']),
) {
  @Field(() => ID) @IsUUID() id: string;
  @Field({ description: 'The reference number of the renewal' }) @IsString() @Length(1, 100) reference: string;
}
