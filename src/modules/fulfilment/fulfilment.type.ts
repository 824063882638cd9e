import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../common/graphql/connection.js';
import { DateScalar } from '../../common/graphql/date.scalar.js';
import { TargetAggregation } from '../commitments/commitment-target.entity.js';

/** How a commitment stands; the rule is in the README ("Fulfilment"). */
export enum CommitmentStatus {
  NOT_STARTED = 'NOT_STARTED',
  ON_TRACK = 'ON_TRACK',
  AT_RISK = 'AT_RISK',
  OVERDUE = 'OVERDUE',
  FULFILLED = 'FULFILLED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(CommitmentStatus, { name: 'CommitmentStatus' });

export enum FulfilmentGrouping {
  AGREEMENT = 'AGREEMENT',
  ORGANISATION = 'ORGANISATION',
  NETWORK = 'NETWORK',
  PLACE = 'PLACE',
  CATEGORY = 'CATEGORY',
  MONTH = 'MONTH',
}
registerEnumType(FulfilmentGrouping, { name: 'FulfilmentGrouping' });

@ObjectType({ description: 'Accepted achievement of one target (corrections applied) against its target value' })
export class TargetFulfilment {
  @Field(() => ID) targetId: string;
  @Field() indicator: string;
  @Field() unit: string;
  @Field(() => Float) baseline: number;
  @Field(() => Float) targetValue: number;
  @Field(() => TargetAggregation) aggregation: TargetAggregation;
  @Field(() => Float) achieved: number;
  @Field(() => Float, { description: 'achieved / targetValue × 100, not capped' }) percent: number;
}

@ObjectType()
export class CommitmentFulfilment {
  @Field(() => ID) commitmentId: string;
  @Field(() => CommitmentStatus) status: CommitmentStatus;
  @Field(() => Float, { description: 'Mean over targets of min(percent, 100)' }) progressPercent: number;
  @Field(() => Float, { description: 'Share of start..due that has passed on asOf' }) elapsedPercent: number;
  @Field(() => DateScalar) asOf: string;
  @Field(() => [TargetFulfilment]) targets: TargetFulfilment[];
}

@ObjectType({ description: 'People reached by accepted reports (corrections applied)' })
export class PeopleTotals {
  @Field(() => Int) girls: number;
  @Field(() => Int) boys: number;
  @Field(() => Int) women: number;
  @Field(() => Int) men: number;
  @Field(() => Int) withDisability: number;
  @Field(() => Int, { description: 'girls + boys' }) children: number;
  @Field(() => Int, { description: 'women + men' }) adults: number;
  @Field(() => Int) total: number;
}

@ObjectType({ description: 'Commitments of one group, counted by status' })
export class FulfilmentGroup {
  @Field({ description: 'The id or code of the group (empty for "none")' }) key: string;
  @Field() label: string;
  @Field(() => Int) commitments: number;
  @Field(() => Int) notStarted: number;
  @Field(() => Int) onTrack: number;
  @Field(() => Int) atRisk: number;
  @Field(() => Int) overdue: number;
  @Field(() => Int) fulfilled: number;
  @Field(() => Int) cancelled: number;
  @Field(() => PeopleTotals) peopleReached: PeopleTotals;
}

@ObjectType({ description: 'Groups ordered by label, then key' })
export class FulfilmentGroupConnection extends Connection(FulfilmentGroup) {}

@ObjectType({ description: 'A reporting period that is due and has no submitted or accepted report' })
export class MissingReport {
  @Field(() => ID) periodId: string;
  @Field(() => Int) periodNumber: number;
  @Field(() => DateScalar) periodStartsOn: string;
  @Field(() => DateScalar) periodEndsOn: string;
  @Field(() => DateScalar) dueOn: string;
  @Field(() => Int) daysOverdue: number;
  @Field(() => ID) commitmentId: string;
}

@ObjectType()
export class MissingReportConnection extends Connection(MissingReport) {}
