import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../common/graphql/connection.js';
import { FieldChange, HistoryActor } from '../audit/history-entry.type.js';

/** What happened in a partnership, as a reader of its story would name it. */
export enum TimelineEventKind {
  AGREEMENT_RECORDED = 'AGREEMENT_RECORDED',
  AGREEMENT_CHANGED = 'AGREEMENT_CHANGED',
  AGREEMENT_SIGNED = 'AGREEMENT_SIGNED',
  AGREEMENT_AMENDED = 'AGREEMENT_AMENDED',
  AGREEMENT_RENEWED = 'AGREEMENT_RENEWED',
  AGREEMENT_TERMINATED = 'AGREEMENT_TERMINATED',
  AGREEMENT_EXPIRED = 'AGREEMENT_EXPIRED',
  COMMITMENT_ADDED = 'COMMITMENT_ADDED',
  COMMITMENT_CHANGED = 'COMMITMENT_CHANGED',
  COMMITMENT_CANCELLED = 'COMMITMENT_CANCELLED',
  REPORT_SUBMITTED = 'REPORT_SUBMITTED',
  REPORT_SENT_BACK = 'REPORT_SENT_BACK',
  REPORT_ACCEPTED = 'REPORT_ACCEPTED',
  REPORT_CORRECTED = 'REPORT_CORRECTED',
  JOINED_NETWORK = 'JOINED_NETWORK',
  LEFT_NETWORK = 'LEFT_NETWORK',
}
registerEnumType(TimelineEventKind, { name: 'TimelineEventKind' });

@ObjectType({ description: 'One thing that happened in a partnership, with who did it and when (from the history)' })
export class TimelineEvent {
  @Field(() => Int, { description: 'The history entry it comes from' }) seq: number;
  @Field(() => Date) occurredAt: Date;
  @Field(() => TimelineEventKind) kind: TimelineEventKind;
  @Field(() => HistoryActor) actor: HistoryActor;
  @Field() entityType: string;
  @Field(() => ID) entityId: string;
  @Field({ description: 'One line saying what happened' }) summary: string;
  @Field(() => String, { nullable: true, description: 'The reason or the reviewer’s comment' }) comment: string | null;
  @Field(() => [FieldChange], { description: 'What changed (amendments, edits)' }) changes: FieldChange[];
}

@ObjectType()
export class TimelineEventConnection extends Connection(TimelineEvent) {}
