import { PartialEdit } from '../../../common/validation/partial-edit.js';
import { Field, ID, InputType, Int, PartialType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, IsUUID, Length, Matches, Min } from 'class-validator';
import { IDEMPOTENCY_KEY, ReportContentInput } from './report-content.input.js';

const KEY_DESCRIPTION = 'Client-generated (e.g. a UUID) and sent again on retry: the same key and content return the first result';

@InputType()
export class CreateReportInput extends ReportContentInput {
  @Field(() => ID) @IsUUID() commitmentId: string;
  @Field(() => ID, { nullable: true, description: 'One of the commitment’s reporting periods; omit for an ad-hoc report' })
  @IsOptional()
  @IsUUID()
  periodId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The ACCEPTED report this one corrects; once accepted, it replaces it in every figure' })
  @IsOptional()
  @IsUUID()
  correctsId?: string | null;
  @Field(() => String, { nullable: true, description: KEY_DESCRIPTION })
  @IsOptional()
  @Matches(IDEMPOTENCY_KEY, { message: 'idempotencyKeyFormat' })
  idempotencyKey?: string;
}

@InputType({ description: 'Changes a DRAFT or SENT_BACK report; fields given replace the old ones' })
@PartialEdit('narrative')
export class UpdateReportInput extends PartialType(ReportContentInput) {
  @Field(() => ID) @IsUUID() id: string;
  @Field(() => Int, { description: 'The version the change was made against; a stale one gets CONFLICT' }) @IsInt() @Min(1) version: number;
}

@InputType({ isAbstract: true })
class ReportStepInput {
  @Field(() => ID) @IsUUID() id: string;
  @Field(() => Int, { description: 'The version the step was decided on; a stale one gets CONFLICT' })
  @IsInt()
  @Min(1)
  version: number;
}

@InputType()
export class SubmitReportInput extends ReportStepInput {
  @Field(() => String, { nullable: true, description: KEY_DESCRIPTION })
  @IsOptional()
  @Matches(IDEMPOTENCY_KEY, { message: 'idempotencyKeyFormat' })
  idempotencyKey?: string;
}

@InputType()
export class AcceptReportInput extends ReportStepInput {}

@InputType()
export class SendBackReportInput extends ReportStepInput {
  @Field({ description: 'What the reporter must fix; required' }) @IsString() @Length(3, 5000) comment: string;
}
