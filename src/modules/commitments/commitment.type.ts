import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../common/graphql/connection.js';
import { DateScalar } from '../../common/graphql/date.scalar.js';
import { TargetAggregation } from './commitment-target.entity.js';
import { CommitmentCategory, ReportingSchedule } from './commitment.entity.js';

registerEnumType(CommitmentCategory, { name: 'CommitmentCategory' });
registerEnumType(ReportingSchedule, { name: 'ReportingSchedule' });
registerEnumType(TargetAggregation, { name: 'TargetAggregation' });

@ObjectType({ description: 'Something a party promised under an agreement' })
export class Commitment {
  @Field(() => ID) id: string;
  @Field(() => ID) agreementId: string;
  @Field(() => ID) responsibleOrganisationId: string;
  @Field(() => CommitmentCategory) category: CommitmentCategory;
  @Field() title: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => Int, { nullable: true }) keyPointNumber: number | null;
  @Field(() => DateScalar) startOn: string;
  @Field(() => DateScalar) dueOn: string;
  @Field(() => [String]) placeCodes: string[];
  @Field(() => ReportingSchedule) reportingSchedule: ReportingSchedule;
  @Field(() => Date, { nullable: true }) cancelledAt: Date | null;
  @Field(() => String, { nullable: true }) cancellationReason: string | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => Int) version: number;
}

@ObjectType()
export class CommitmentTarget {
  @Field(() => ID) id: string;
  @Field(() => Int) position: number;
  @Field() indicator: string;
  @Field() unit: string;
  @Field(() => Float) baseline: number;
  @Field(() => Float) targetValue: number;
  @Field(() => TargetAggregation) aggregation: TargetAggregation;
}

@ObjectType({ description: 'A period the commitment is reported for, and when its report is due' })
export class ReportingPeriod {
  @Field(() => ID) id: string;
  @Field(() => Int) number: number;
  @Field(() => DateScalar) startsOn: string;
  @Field(() => DateScalar) endsOn: string;
  @Field(() => DateScalar) dueOn: string;
}

@ObjectType()
export class CommitmentConnection extends Connection(Commitment) {}
