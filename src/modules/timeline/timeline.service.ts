import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/context/request-context.js';
import { badInput } from '../../common/errors/app-error.js';
import type { Page } from '../../common/graphql/connection.js';
import { AuditService } from '../audit/audit.service.js';
import type { ReadHistoryEntry } from '../audit/history-entry.type.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import type { TimelineArgs } from './dto/timeline.args.js';
import { type TimelineEvent, TimelineEventKind } from './timeline.type.js';

type State = Record<string, unknown> | null;

/** The history actions a timeline tells, and how each reads. */
const KINDS: Record<string, { kind: TimelineEventKind; say: (state: State) => string }> = {
  AGREEMENT_CREATED: { kind: TimelineEventKind.AGREEMENT_RECORDED, say: (s) => `Recorded ${agreement(s)} as a draft` },
  AGREEMENT_UPDATED: { kind: TimelineEventKind.AGREEMENT_CHANGED, say: (s) => `Changed the draft ${agreement(s)}` },
  AGREEMENT_SIGNED: { kind: TimelineEventKind.AGREEMENT_SIGNED, say: (s) => `Signed ${agreement(s)} on ${s?.signedOn}` },
  AGREEMENT_AMENDED: { kind: TimelineEventKind.AGREEMENT_AMENDED, say: (s) => `Amended ${agreement(s)}` },
  AGREEMENT_RENEWED: { kind: TimelineEventKind.AGREEMENT_RENEWED, say: (s) => `Renewed by ${agreement(s)}` },
  AGREEMENT_TERMINATED: { kind: TimelineEventKind.AGREEMENT_TERMINATED, say: (s) => `Terminated ${agreement(s)}` },
  AGREEMENT_EXPIRED: { kind: TimelineEventKind.AGREEMENT_EXPIRED, say: (s) => `Expired: ${agreement(s)} was in effect until ${s?.effectiveUntil}` },
  COMMITMENT_CREATED: { kind: TimelineEventKind.COMMITMENT_ADDED, say: (s) => `Commitment added: ${s?.title} (due ${s?.dueOn})` },
  COMMITMENT_UPDATED: { kind: TimelineEventKind.COMMITMENT_CHANGED, say: (s) => `Commitment changed: ${s?.title}` },
  COMMITMENT_CANCELLED: { kind: TimelineEventKind.COMMITMENT_CANCELLED, say: (s) => `Commitment cancelled: ${s?.title}` },
  REPORT_SUBMITTED: { kind: TimelineEventKind.REPORT_SUBMITTED, say: (s) => `Report submitted: ${activity(s)}` },
  REPORT_SENT_BACK: { kind: TimelineEventKind.REPORT_SENT_BACK, say: (s) => `Report sent back: ${activity(s)}` },
  REPORT_ACCEPTED: { kind: TimelineEventKind.REPORT_ACCEPTED, say: (s) => `Report accepted: ${activity(s)}` },
  NETWORK_MEMBER_ADDED: { kind: TimelineEventKind.JOINED_NETWORK, say: (s) => `Joined the network on ${s?.joinedOn}` },
  NETWORK_MEMBERSHIP_ENDED: { kind: TimelineEventKind.LEFT_NETWORK, say: (s) => `Left the network on ${s?.leftOn}` },
};

const agreement = (s: State) => `${s?.reference} "${s?.title}"`;
const activity = (s: State) => {
  const people = s?.people as Record<string, number> | undefined;
  const total = people ? ['girls', 'boys', 'women', 'men'].reduce((n, g) => n + (people[g] ?? 0), 0) : 0;
  return `activity ${s?.activityFrom}…${s?.activityUntil}${total ? `, ${total} people reached` : ''}`;
};
/** Bookkeeping every change touches; not what a reader of the story wants to see. */
const BOOKKEEPING = new Set(['version', 'updatedAt']);

/** One ordered stream of what happened in a partnership, told from the tamper-evident history. */
@Injectable()
export class TimelineService {
  constructor(
    private readonly audit: AuditService,
    private readonly organisations: OrganisationsService,
  ) {}

  async timeline(ctx: RequestContext, args: TimelineArgs): Promise<Page<TimelineEvent>> {
    const given = [args.organisationId, args.networkId, args.agreementId].filter(Boolean).length;
    if (given !== 1) throw badInput('ONE_SUBJECT', 'organisationId');
    const about = args.agreementId
      ? { agreementId: args.agreementId }
      : { organisationIds: args.organisationId ? [args.organisationId] : await this.networkAndMembers(ctx, args.networkId!) };
    const page = await this.audit.stream(ctx, about, Object.keys(KINDS), { from: args.from, to: args.to }, args);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toEvent(e.node) })) };
  }

  private async networkAndMembers(ctx: RequestContext, networkId: string): Promise<string[]> {
    const memberships = await this.organisations.membershipsOf(ctx, 'networkId', [networkId]);
    return [networkId, ...new Set(memberships.map((m) => m.memberId))];
  }
}

function toEvent(e: ReadHistoryEntry): TimelineEvent {
  const state = e.state as State;
  const known = KINDS[e.action]!;
  const corrected = e.action === 'REPORT_ACCEPTED' && state?.correctsId;
  return {
    seq: e.seq,
    occurredAt: e.occurredAt,
    kind: corrected ? TimelineEventKind.REPORT_CORRECTED : known.kind,
    actor: e.actor,
    entityType: e.entityType,
    entityId: e.entityId,
    summary: corrected ? `Correction accepted: ${activity(state)}` : known.say(state),
    comment: e.reason,
    changes: e.changes.filter((c) => !BOOKKEEPING.has(c.field)),
  };
}
