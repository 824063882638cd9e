import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { Role } from '../../common/auth/role.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { paginate, type Page } from '../../common/graphql/connection.js';
import type { AsOf } from '../../common/time/as-of.js';
import { addDays, daysBetween, today } from '../../common/time/calendar.js';
import type { TargetAggregation } from '../commitments/commitment-target.entity.js';
import { CommitmentTargetsSet } from '../commitments/commitment.events.js';
import { CommitmentEntity } from '../commitments/commitment.entity.js';
import { ReportAccepted } from '../reports/report.events.js';
import { ReportingPeriodEntity } from '../commitments/reporting-period.entity.js';
import type { FulfilmentFilter, FulfilmentPageArgs, FulfilmentSummaryArgs } from './dto/fulfilment.args.js';
import { CommitmentStatus, FulfilmentGrouping, type CommitmentFulfilment, type FulfilmentGroup, type MissingReport } from './fulfilment.type.js';

/** A commitment is AT_RISK when its progress trails the elapsed share of its period by more than this. */
export const AT_RISK_MARGIN = 25;

type Params = Record<string, unknown>;

/** The parameters of a day (the day, and the moment it ends) or of a moment (its day in WIB, and the moment). */
const asOfParams = (when: string | AsOf) =>
  typeof when === 'string' ? { asOf: when, asOfEnd: endOfDay(when) } : { asOf: when.day, asOfEnd: when.at.toISOString() };

/** A commitment not (yet) cancelled at the end of the day. */
const STANDING = `(c.cancelled_at IS NULL OR c.cancelled_at >= :asOfEnd::timestamptz)`;

/** A network membership valid on :asOf. */
const MEMBER_ON_AS_OF = `nm.joined_on <= :asOf::date AND (nm.left_on IS NULL OR nm.left_on > :asOf::date)`;

/**
 * The moment a day ends in WIB: "as of a day" counts what was known by then (accepted, cancelled, terminated
 * before that moment) and true by then (activities begun, agreements signed, memberships held on that day).
 */
export const endOfDay = (day: string): string => new Date(Date.parse(`${addDays(day, 1)}T00:00:00+07:00`)).toISOString();

/** SQL conditions on commitment `c` (and its agreement `a`) for a filter; a partner is held to their organisation. */
function conditions(ctx: RequestContext, f: FulfilmentFilter = {}): { where: string; params: Params } {
  // Signed by the day; an agreement still a draft today was one then too.
  const where = [`a.status <> 'DRAFT' AND a.signed_on <= :asOf::date`];
  const params: Params = {};
  const add = (sql: string, name: string, value: unknown) => {
    where.push(sql);
    params[name] = value;
  };
  const actor = ctx.requiredActor;
  const organisationId = actor.role === Role.PARTNER ? actor.organisationId : f.organisationId;
  if (f.agreementId) add('c.agreement_id = :agreementId', 'agreementId', f.agreementId);
  if (organisationId) add('c.responsible_organisation_id = :organisationId', 'organisationId', organisationId);
  if (f.networkId) {
    add(
      `EXISTS (SELECT 1 FROM network_membership nm WHERE nm.member_id = c.responsible_organisation_id
                AND nm.network_id = :networkId AND ${MEMBER_ON_AS_OF})`,
      'networkId',
      f.networkId,
    );
  }
  if (f.placeCode) {
    add(`EXISTS (SELECT 1 FROM unnest(c.place_codes) pc(code) WHERE pc.code = :placeCode OR pc.code LIKE :placeCode || '.%')`, 'placeCode', f.placeCode);
  }
  if (f.category) add('c.category = :category', 'category', f.category);
  if (f.dueFrom) add('c.due_on >= :dueFrom', 'dueFrom', f.dueFrom);
  if (f.dueTo) add('c.due_on <= :dueTo', 'dueTo', f.dueTo);
  return { where: where.join(' AND '), params };
}

/**
 * What counts for the commitments in `scopeWhere`, from their reports, computed by the database (CTEs):
 * - effective: reports accepted by :asOfEnd whose activity had begun on :asOf, less those an accepted correction replaced;
 * - achievement: per target, the SUM of values or the LATEST value (latest activity, then acceptance);
 * - people: people reached per commitment; reported: the commitments with an effective report.
 */
function figuresSql(scopeWhere: string): string {
  return `
  scope AS (
    SELECT c.* FROM commitment c JOIN agreement a ON a.id = c.agreement_id WHERE ${scopeWhere}
  ),
  effective AS (
    SELECT r.id, r.commitment_id, r.activity_until, r.accepted_at, r.girls, r.boys, r.women, r.men,
           r.girls_with_disability + r.boys_with_disability + r.women_with_disability + r.men_with_disability AS with_disability
      FROM progress_report r JOIN scope s ON s.id = r.commitment_id
     WHERE r.accepted_at < :asOfEnd::timestamptz AND r.activity_from <= :asOf::date
       AND NOT EXISTS (SELECT 1 FROM progress_report x WHERE x.corrects_id = r.id AND x.accepted_at < :asOfEnd::timestamptz)
  ),
  reported_values AS (
    SELECT v.target_id, v.value, e.activity_until, e.accepted_at FROM report_value v JOIN effective e ON e.id = v.report_id
  ),
  sums AS (
    SELECT target_id, sum(value) AS value FROM reported_values GROUP BY target_id
  ),
  latest AS (
    SELECT DISTINCT ON (rv.target_id) rv.target_id, rv.value
      FROM reported_values rv JOIN commitment_target lt ON lt.id = rv.target_id AND lt.aggregation = 'LATEST'
     ORDER BY rv.target_id, rv.activity_until DESC, rv.accepted_at DESC
  ),
  achievement AS (
    SELECT t.id AS target_id, t.commitment_id, t.position, t.indicator, t.unit, t.baseline, t.target_value, t.aggregation,
           coalesce(CASE WHEN t.aggregation = 'SUM' THEN sm.value ELSE lv.value END, 0) AS achieved
      FROM commitment_target t
      JOIN scope s ON s.id = t.commitment_id
      LEFT JOIN sums sm ON sm.target_id = t.id
      LEFT JOIN latest lv ON lv.target_id = t.id
  ),
  people AS (
    SELECT commitment_id, sum(girls) AS girls, sum(boys) AS boys, sum(women) AS women, sum(men) AS men,
           sum(with_disability) AS with_disability
      FROM effective GROUP BY commitment_id
  ),
  reported AS (
    SELECT DISTINCT commitment_id FROM effective
  ),
  progress AS (
    SELECT s.id, bool_and(ac.achieved >= ac.target_value) AS fulfilled, avg(least(ac.achieved / ac.target_value, 1)) * 100 AS progress,
           bool_or(rp.commitment_id IS NOT NULL) AS has_reports
      FROM scope s JOIN achievement ac ON ac.commitment_id = s.id LEFT JOIN reported rp ON rp.commitment_id = s.id
     GROUP BY s.id
  )`;
}

/**
 * Today's figures, kept up to date by the writes that change them (see FulfilmentFigures): the same CTE names as
 * figuresSql, read from a row per commitment and per target, so their cost follows the commitments in scope, not
 * the reports.
 */
function keptFiguresSql(scopeWhere: string): string {
  return `
  scope AS (
    SELECT c.* FROM commitment c JOIN agreement a ON a.id = c.agreement_id WHERE ${scopeWhere}
  ),
  achievement AS (
    SELECT t.id AS target_id, t.commitment_id, t.position, t.indicator, t.unit, t.baseline, t.target_value, t.aggregation, tf.achieved
      FROM commitment_target t JOIN scope s ON s.id = t.commitment_id JOIN target_figures tf ON tf.target_id = t.id
  ),
  people AS (
    SELECT f.commitment_id, f.girls, f.boys, f.women, f.men, f.with_disability FROM commitment_figures f JOIN scope s ON s.id = f.commitment_id
  ),
  progress AS (
    SELECT f.commitment_id AS id, f.fulfilled, f.progress, f.has_reports FROM commitment_figures f JOIN scope s ON s.id = f.commitment_id
  )`;
}

/**
 * The status of every commitment in `scopeWhere` on :asOf, by the rule in the README, from its figures: today's
 * kept figures when `kept`, else computed from the reports as they were known at :asOfEnd.
 */
function statusSql(scopeWhere: string, kept = false): string {
  return `${kept ? keptFiguresSql(scopeWhere) : figuresSql(scopeWhere)},
  timing AS (
    SELECT s.id, p.progress,
           CASE WHEN s.due_on <= s.start_on THEN CASE WHEN :asOf::date >= s.start_on THEN 100 ELSE 0 END
                ELSE least(greatest((:asOf::date - s.start_on)::numeric / (s.due_on - s.start_on), 0), 1) * 100
           END AS elapsed,
           s.cancelled_at, s.due_on, p.fulfilled, p.has_reports
      FROM scope s JOIN progress p ON p.id = s.id
  ),
  status AS (
    SELECT st.id, st.progress, st.elapsed,
           CASE WHEN st.cancelled_at < :asOfEnd::timestamptz THEN 'CANCELLED'
                WHEN st.fulfilled THEN 'FULFILLED'
                WHEN :asOf::date > st.due_on THEN 'OVERDUE'
                WHEN st.progress < st.elapsed - ${AT_RISK_MARGIN} THEN 'AT_RISK'
                WHEN NOT st.has_reports THEN 'NOT_STARTED'
                ELSE 'ON_TRACK'
           END AS status
      FROM timing st
  )`;
}

/** Today's figures are kept; any other day is computed from the reports known then. */
const isToday = (when: string | AsOf) => typeof when === 'string' && when === today();

/** How each grouping names its groups; a commitment may fall in several (two networks, two provinces). */
const GROUPS: Record<FulfilmentGrouping, { join: string; key: string; label: string }> = {
  [FulfilmentGrouping.AGREEMENT]: { join: 'JOIN agreement g ON g.id = s.agreement_id', key: 'g.id::text', label: `g.reference || ' — ' || g.title` },
  [FulfilmentGrouping.ORGANISATION]: { join: 'JOIN organisation g ON g.id = s.responsible_organisation_id', key: 'g.id::text', label: 'g.name' },
  [FulfilmentGrouping.NETWORK]: {
    join: `LEFT JOIN network_membership gm ON gm.member_id = s.responsible_organisation_id
             AND gm.joined_on <= :asOf::date AND (gm.left_on IS NULL OR gm.left_on > :asOf::date)
           LEFT JOIN organisation g ON g.id = gm.network_id`,
    key: `coalesce(g.id::text, '')`,
    label: `coalesce(g.name, '(no network)')`,
  },
  [FulfilmentGrouping.PLACE]: {
    join: `LEFT JOIN LATERAL (SELECT DISTINCT split_part(code, '.', 1) AS province FROM unnest(s.place_codes) code) gp ON true
           LEFT JOIN place g ON g.code = gp.province`,
    key: `coalesce(gp.province, '')`,
    label: `coalesce(g.name, '(no place)')`,
  },
  [FulfilmentGrouping.CATEGORY]: { join: '', key: 's.category::text', label: 's.category::text' },
  [FulfilmentGrouping.MONTH]: { join: '', key: `to_char(s.due_on, 'YYYY-MM')`, label: `to_char(s.due_on, 'YYYY-MM')` },
};

interface TargetRow {
  commitment_id: string;
  status: CommitmentStatus;
  progress: string;
  elapsed: string;
  target_id: string;
  indicator: string;
  unit: string;
  baseline: string;
  target_value: string;
  aggregation: TargetAggregation;
  achieved: string;
}

const num = (v: string | number | null) => Math.round(Number(v ?? 0) * 100) / 100;

/**
 * Recomputes today's kept figures of the commitments in `scopeWhere` from their reports (everything accepted so
 * far counts: :asOfEnd is infinity), in one statement: a row per target, a row per commitment with targets.
 */
const refreshSql = (scopeWhere: string) => `
  WITH ${figuresSql(scopeWhere)},
  targets AS (
    INSERT INTO target_figures (target_id, commitment_id, achieved)
    SELECT target_id, commitment_id, achieved FROM achievement
    ON CONFLICT (target_id) DO UPDATE SET achieved = EXCLUDED.achieved
    RETURNING 1
  )
  INSERT INTO commitment_figures (commitment_id, progress, fulfilled, has_reports, girls, boys, women, men, with_disability)
  SELECT p.id, p.progress, p.fulfilled, p.has_reports, coalesce(pp.girls, 0), coalesce(pp.boys, 0), coalesce(pp.women, 0),
         coalesce(pp.men, 0), coalesce(pp.with_disability, 0)
    FROM progress p LEFT JOIN people pp ON pp.commitment_id = p.id
  ON CONFLICT (commitment_id) DO UPDATE SET progress = EXCLUDED.progress, fulfilled = EXCLUDED.fulfilled, has_reports = EXCLUDED.has_reports,
    girls = EXCLUDED.girls, boys = EXCLUDED.boys, women = EXCLUDED.women, men = EXCLUDED.men, with_disability = EXCLUDED.with_disability`;

/** The statement that rebuilds the kept figures of the commitments `c` in `scopeWhere` as of `day`, with its parameters (for bulk loads). */
export function rebuildFiguresStatement(day: string, scopeWhere = 'TRUE'): [string, unknown[]] {
  const sql = refreshSql(scopeWhere).replaceAll(':asOfEnd::timestamptz', `'infinity'::timestamptz`).replaceAll(':asOf::date', '$1::date');
  return [sql, [day]];
}

@Injectable()
export class FulfilmentService implements OnModuleInit {
  constructor(private readonly uow: UnitOfWork) {}

  /**
   * Today's figures are kept inside the writes that change them: a report accepted (a correction too), a
   * commitment's targets set. Cancelling changes no figure (the status follows from cancelledAt).
   */
  onModuleInit(): void {
    this.uow.on(ReportAccepted, (ctx, event) => this.refreshFigures(ctx, [event.commitmentId]));
    this.uow.on(CommitmentTargetsSet, (ctx, event) => this.refreshFigures(ctx, [event.commitmentId]));
  }

  /** Recomputes the kept figures of these commitments from their reports, in the caller's write. */
  async refreshFigures(ctx: RequestContext, commitmentIds: string[]): Promise<void> {
    await this.query(ctx, refreshSql('c.id = ANY(:ids::uuid[])'), { ids: commitmentIds, asOf: today(), asOfEnd: 'infinity' });
  }


  /** Status and per-target figures of the given commitments, in one statement whatever their number. */
  async forCommitments(ctx: RequestContext, ids: readonly string[], when: string | AsOf = today()): Promise<CommitmentFulfilment[]> {
    const asOf = typeof when === 'string' ? when : when.day;
    const rows = await this.query<TargetRow>(
      ctx,
      `WITH ${statusSql('c.id IN (:...ids)', isToday(when))}
       SELECT st.id AS commitment_id, st.status, st.progress, st.elapsed, ac.target_id, ac.indicator, ac.unit, ac.baseline,
              ac.target_value, ac.aggregation, ac.achieved
         FROM status st JOIN achievement ac ON ac.commitment_id = st.id
        ORDER BY st.id, ac.position`,
      { ids: [...ids], ...asOfParams(when) },
    );
    const byCommitment = new Map<string, CommitmentFulfilment>();
    for (const r of rows) {
      let f = byCommitment.get(r.commitment_id);
      if (!f) {
        f = { commitmentId: r.commitment_id, status: r.status, progressPercent: num(r.progress), elapsedPercent: num(r.elapsed), asOf, targets: [] };
        byCommitment.set(r.commitment_id, f);
      }
      f.targets.push({
        targetId: r.target_id,
        indicator: r.indicator,
        unit: r.unit,
        baseline: num(r.baseline),
        targetValue: num(r.target_value),
        aggregation: r.aggregation,
        achieved: num(r.achieved),
        percent: num((Number(r.achieved) / Number(r.target_value)) * 100),
      });
    }
    return [...byCommitment.values()];
  }

  /** Commitments counted by status, and people reached, per group: one aggregate statement. */
  async summary(ctx: RequestContext, args: FulfilmentSummaryArgs): Promise<FulfilmentGroup[]> {
    const { where, params } = conditions(ctx, args.filter);
    const g = GROUPS[args.groupBy];
    const asOf = args.asOf ?? today();
    const count = (status: CommitmentStatus) => `count(*) FILTER (WHERE st.status = '${status}')::int`;
    const rows = await this.query<Record<string, string | number>>(
      ctx,
      `WITH ${statusSql(where, isToday(asOf))}
       SELECT ${g.key} AS key, ${g.label} AS label, count(*)::int AS commitments,
              ${count(CommitmentStatus.NOT_STARTED)} AS not_started, ${count(CommitmentStatus.ON_TRACK)} AS on_track,
              ${count(CommitmentStatus.AT_RISK)} AS at_risk, ${count(CommitmentStatus.OVERDUE)} AS overdue,
              ${count(CommitmentStatus.FULFILLED)} AS fulfilled, ${count(CommitmentStatus.CANCELLED)} AS cancelled,
              coalesce(sum(pp.girls), 0)::int AS girls, coalesce(sum(pp.boys), 0)::int AS boys,
              coalesce(sum(pp.women), 0)::int AS women, coalesce(sum(pp.men), 0)::int AS men,
              coalesce(sum(pp.with_disability), 0)::int AS with_disability
         FROM scope s JOIN status st ON st.id = s.id LEFT JOIN people pp ON pp.commitment_id = s.id
         ${g.join}
        GROUP BY 1, 2
        ORDER BY 2, 1`,
      { ...params, ...asOfParams(asOf) },
    );
    return rows.map((r) => {
      const [girls, boys, women, men] = [r.girls, r.boys, r.women, r.men].map(Number) as [number, number, number, number];
      return {
        key: String(r.key),
        label: String(r.label),
        commitments: Number(r.commitments),
        notStarted: Number(r.not_started),
        onTrack: Number(r.on_track),
        atRisk: Number(r.at_risk),
        overdue: Number(r.overdue),
        fulfilled: Number(r.fulfilled),
        cancelled: Number(r.cancelled),
        peopleReached: { girls, boys, women, men, withDisability: Number(r.with_disability), children: girls + boys, adults: women + men, total: girls + boys + women + men },
      };
    });
  }

  /** Commitments past due and unmet on asOf, the longest overdue first. */
  overdue(ctx: RequestContext, args: FulfilmentPageArgs): Promise<Page<CommitmentEntity>> {
    const { where, params } = conditions(ctx, args.filter);
    const asOf = args.asOf ?? today();
    const qb = this.uow
      .manager(ctx)
      .createQueryBuilder(CommitmentEntity, 'oc')
      // Only commitments past due and not cancelled can be OVERDUE: judging just those keeps the query small.
      .where(
        `oc.id IN (WITH ${statusSql(`${where} AND c.due_on < :asOf::date AND ${STANDING}`, isToday(asOf))} SELECT id FROM status WHERE status = 'OVERDUE')`,
        { ...params, ...asOfParams(asOf) },
      );
    return paginate(qb, args, { column: 'oc.due_on', id: 'oc.id', direction: 'ASC', key: (c) => [c.dueOn, c.id] }, (c) => c);
  }

  /**
   * Reporting periods due before asOf with no SUBMITTED or ACCEPTED report, for commitments that stand under a
   * signed (ACTIVE or EXPIRED) agreement; the oldest first.
   */
  missing(ctx: RequestContext, args: FulfilmentPageArgs): Promise<Page<MissingReport>> {
    const asOf = args.asOf ?? today();
    const { where, params } = conditions(ctx, args.filter);
    const qb = this.uow
      .manager(ctx)
      .createQueryBuilder(ReportingPeriodEntity, 'p')
      .innerJoin('commitment', 'c', 'c.id = p.commitment_id')
      .innerJoin('agreement', 'a', 'a.id = c.agreement_id')
      .where(where, params)
      .andWhere(`(a.status = 'ACTIVE' OR a.terminated_at >= :asOfEnd::timestamptz) AND ${STANDING} AND p.due_on < :asOf`, asOfParams(asOf))
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM progress_report r WHERE r.period_id = p.id AND r.status IN ('SUBMITTED', 'ACCEPTED')
                        AND r.submitted_at < :asOfEnd::timestamptz)`,
      );
    return paginate(qb, args, { column: 'p.due_on', id: 'p.id', direction: 'ASC', key: (p) => [p.dueOn, p.id] }, (p) => ({
      periodId: p.id,
      periodNumber: p.number,
      periodStartsOn: p.startsOn,
      periodEndsOn: p.endsOn,
      dueOn: p.dueOn,
      daysOverdue: daysBetween(p.dueOn, asOf),
      commitmentId: p.commitmentId,
    }));
  }

  /**
   * Per target of every commitment in scope (signed agreements), as of a day: the agreement, commitment,
   * responsible organisation, status and achievement, streamed for an export.
   */
  exportRows(ctx: RequestContext, asOf = today()): Promise<Readable> {
    const { where, params } = conditions(ctx);
    const qb = this.uow
      .manager(null)
      .createQueryBuilder()
      .select('f.*')
      .from(
        `(WITH ${statusSql(where, isToday(asOf))}
          SELECT g.reference AS agreement, s.title AS commitment, o.name AS organisation, s.category::text AS category,
                 s.due_on AS "dueOn", st.status, round(st.progress, 2) AS "progressPercent", ac.indicator, ac.unit,
                 ac.target_value AS "targetValue", ac.achieved, round(ac.achieved / ac.target_value * 100, 2) AS percent,
                 s.id AS commitment_id, ac.position
            FROM scope s JOIN status st ON st.id = s.id JOIN achievement ac ON ac.commitment_id = s.id
            JOIN agreement g ON g.id = s.agreement_id JOIN organisation o ON o.id = s.responsible_organisation_id)`,
        'f',
      )
      .orderBy('f.agreement')
      .addOrderBy('f.commitment_id')
      .addOrderBy('f.position')
      .setParameters({ ...params, ...asOfParams(asOf) });
    return this.uow.stream(qb);
  }

  /** Runs SQL with :named parameters (bound, never spliced). */
  private query<T>(ctx: RequestContext, sql: string, params: Params): Promise<T[]> {
    const em = this.uow.manager(ctx);
    const [query, bound] = em.connection.driver.escapeQueryWithParameters(sql, params);
    return em.query(query, bound);
  }
}
