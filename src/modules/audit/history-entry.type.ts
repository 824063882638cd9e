import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { Connection, readWhenAsked } from '../../common/graphql/connection.js';

@ObjectType({ description: 'Who made a change, as they were at the time' })
export class HistoryActor {
  @Field(() => ID, { nullable: true, description: 'Null for the system (migrations, seed scripts)' }) userId: string | null;
  @Field({ description: 'ADMIN, COORDINATOR, PARTNER, AUDITOR or SYSTEM' }) role: string;
  @Field(() => ID, { nullable: true }) organisationId: string | null;
  @Field() name: string;
}

@ObjectType()
export class FieldChange {
  @Field() field: string;
  @Field(() => GraphQLJSON, { nullable: true }) before: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) after: unknown;
}

@ObjectType({ description: 'One change to one record, append-only and hash-chained to the one before' })
export class HistoryEntry {
  @Field(() => Int, { description: 'Gap-free sequence number: 1, 2, 3, …' }) seq: number;
  @Field(() => Date) occurredAt: Date;
  @Field(() => HistoryActor) actor: HistoryActor;
  @Field({ description: 'What happened: ORGANISATION_CREATED, AGREEMENT_SIGNED, REPORT_SENT_BACK, …' }) action: string;
  @Field() entityType: string;
  @Field(() => ID) entityId: string;
  @Field(() => [ID], { description: 'The organisations the record concerns' }) organisationIds: string[];
  @Field(() => [FieldChange], { description: 'The fields that changed, with before and after values', middleware: [readWhenAsked] })
  changes: FieldChange[] | (() => Promise<FieldChange[]>);
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field(() => String, { nullable: true, description: 'Ties the entry to the request (and its log lines)' }) requestId: string | null;
  @Field(() => GraphQLJSON, { nullable: true, description: 'The full record just after the change', middleware: [readWhenAsked] })
  state: unknown;
  @Field({ description: 'SHA-256 (hex) of the entry before' }) prevHash: string;
  @Field({ description: 'SHA-256 (hex) over prevHash and this entry’s canonical (RFC 8785) JSON content' }) hash: string;
}

/** An entry with its changes read (the type's `changes` may be read only when a client asks for them). */
export type ReadHistoryEntry = HistoryEntry & { changes: FieldChange[] };

@ObjectType()
export class HistoryEntryConnection extends Connection(HistoryEntry) {}

@ObjectType({ description: 'The latest entry of the chain; keep it outside the system to check against later' })
export class AuditHead {
  @Field(() => Int) seq: number;
  @Field() hash: string;
  @Field(() => Date, { nullable: true }) occurredAt: Date | null;
}

export enum ChainProblem {
  /** A sequence number is missing. */
  GAP = 'GAP',
  /** The entry does not point at the hash of the entry before it. */
  BROKEN_LINK = 'BROKEN_LINK',
  /** The entry's content no longer matches its hash: it was edited. */
  CONTENT_CHANGED = 'CONTENT_CHANGED',
  /** The kept head is not in the chain any more: the chain was rewritten or cut. */
  HEAD_MISMATCH = 'HEAD_MISMATCH',
}
registerEnumType(ChainProblem, { name: 'ChainProblem' });

@ObjectType()
export class AuditVerification {
  @Field({ description: 'True when every checked entry matches its hash and links to the one before' }) valid: boolean;
  @Field(() => Int, { description: 'How many entries were checked' }) checked: number;
  @Field(() => Int, { nullable: true }) fromSeq: number | null;
  @Field(() => Int, { nullable: true }) toSeq: number | null;
  @Field(() => Int, { nullable: true, description: 'The first entry that does not match' }) firstInvalidSeq: number | null;
  @Field(() => ChainProblem, { nullable: true }) problem: ChainProblem | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether the kept head given is still in the chain (null when none given)' })
  headMatches: boolean | null;
}
