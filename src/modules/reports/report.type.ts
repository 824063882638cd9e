import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Role } from '../../common/auth/role.js';
import { Connection } from '../../common/graphql/connection.js';
import { DateScalar } from '../../common/graphql/date.scalar.js';
import { EvidenceKind } from './report-evidence.entity.js';
import { ReportStatus } from './progress-report.entity.js';

registerEnumType(ReportStatus, { name: 'ReportStatus' });
registerEnumType(EvidenceKind, { name: 'EvidenceKind' });

@ObjectType({ description: 'What a responsible organisation did for a commitment in a period' })
export class Report {
  @Field(() => ID) id: string;
  @Field(() => ID) commitmentId: string;
  @Field(() => ID, { nullable: true, description: 'The reporting period; null for an ad-hoc report' }) periodId: string | null;
  @Field(() => ID, { nullable: true, description: 'The accepted report this one corrects' }) correctsId: string | null;
  @Field(() => ID, { description: 'The responsible organisation' }) organisationId: string;
  @Field(() => ReportStatus) status: ReportStatus;
  @Field(() => DateScalar) activityFrom: string;
  @Field(() => DateScalar) activityUntil: string;
  @Field(() => [String]) placeCodes: string[];
  @Field(() => String, { nullable: true }) narrative: string | null;
  @Field(() => Date, { nullable: true }) submittedAt: Date | null;
  @Field(() => Date, { nullable: true }) reviewedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'The reviewer’s comment when it was last sent back' }) reviewComment: string | null;
  @Field(() => Date, { nullable: true }) acceptedAt: Date | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
  @Field(() => Int) version: number;
}

@ObjectType({ description: 'People reached, by sex and age group; "with disability" counts are part of their group' })
export class PeopleReached {
  @Field(() => Int) girls: number;
  @Field(() => Int) boys: number;
  @Field(() => Int) women: number;
  @Field(() => Int) men: number;
  @Field(() => Int) girlsWithDisability: number;
  @Field(() => Int) boysWithDisability: number;
  @Field(() => Int) womenWithDisability: number;
  @Field(() => Int) menWithDisability: number;
  @Field(() => Int, { description: 'All four disability counts' }) withDisability: number;
  @Field(() => Int, { description: 'girls + boys + women + men' }) total: number;
  @Field(() => Int, { nullable: true, description: 'The total as the reporter stated it (always equal to total)' }) statedTotal: number | null;
}

@ObjectType()
export class ReportValue {
  @Field(() => ID) targetId: string;
  @Field(() => Float) value: number;
}

@ObjectType()
export class Evidence {
  @Field(() => EvidenceKind) kind: EvidenceKind;
  @Field() title: string;
  @Field() url: string;
  @Field(() => String, { nullable: true }) sha256: string | null;
}

@ObjectType({ description: 'Who did a step of a report: name and role only' })
export class ReportActor {
  @Field(() => ID) id: string;
  @Field() displayName: string;
  @Field(() => Role) role: Role;
}

export enum ReviewDecision {
  SENT_BACK = 'SENT_BACK',
  ACCEPTED = 'ACCEPTED',
}
registerEnumType(ReviewDecision, { name: 'ReviewDecision' });

@ObjectType({ description: 'Someone who acted on a report, by name and role as they were then' })
export class ReviewActor {
  @Field(() => ID, { nullable: true }) userId: string | null;
  @Field() name: string;
  @Field() role: string;
}

@ObjectType({ description: 'One round of review: a submission and the decision on it (none yet while it waits)' })
export class ReportReview {
  @Field(() => Int, { description: '1 for the first submission, 2 for the resubmission, …' }) round: number;
  @Field(() => ReviewActor) submittedBy: ReviewActor;
  @Field(() => Date) submittedAt: Date;
  @Field(() => ReviewDecision, { nullable: true }) decision: ReviewDecision | null;
  @Field(() => String, { nullable: true, description: 'The reviewer’s comment when sent back' }) comment: string | null;
  @Field(() => ReviewActor, { nullable: true }) reviewer: ReviewActor | null;
  @Field(() => Date, { nullable: true }) decidedAt: Date | null;
}

@ObjectType()
export class ReportConnection extends Connection(Report) {}

/** People reached as a report states them (the entity's columns), with the sums clients need. */
export function peopleReached(r: {
  girls: number; boys: number; women: number; men: number;
  girlsWithDisability: number; boysWithDisability: number; womenWithDisability: number; menWithDisability: number;
  peopleTotal: number | null;
}): PeopleReached {
  return {
    girls: r.girls,
    boys: r.boys,
    women: r.women,
    men: r.men,
    girlsWithDisability: r.girlsWithDisability,
    boysWithDisability: r.boysWithDisability,
    womenWithDisability: r.womenWithDisability,
    menWithDisability: r.menWithDisability,
    withDisability: r.girlsWithDisability + r.boysWithDisability + r.womenWithDisability + r.menWithDisability,
    total: r.girls + r.boys + r.women + r.men,
    statedTotal: r.peopleTotal,
  };
}
