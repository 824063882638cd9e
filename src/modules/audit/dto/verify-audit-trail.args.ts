import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Min, ValidateNested } from 'class-validator';

@InputType({ description: 'A head (from auditHead) that was kept outside the system' })
export class KeptHeadInput {
  @Field(() => Int) @IsInt() @Min(1) seq: number;
  @Field() @Matches(/^[0-9a-f]{64}$/, { message: 'sha256Format' }) hash: string;
}

@ArgsType()
export class VerifyAuditTrailArgs {
  @Field(() => Int, { nullable: true, description: 'First entry to check (default 1)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  from?: number;

  @Field(() => Int, { nullable: true, description: 'Last entry to check (default: the latest)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  to?: number;

  @Field(() => KeptHeadInput, { nullable: true, description: 'Also prove the chain still passes through this head' })
  @IsOptional()
  @ValidateNested()
  @Type(() => KeptHeadInput)
  head?: KeptHeadInput;
}
