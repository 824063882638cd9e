import { Injectable, type OnModuleInit } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { Readable } from 'node:stream';
import { Role } from '../../common/auth/role.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { compareKeys, paginate, type Page } from '../../common/graphql/connection.js';
import { lastEntry } from '../../common/history/history.service.js';
import type { AsOf } from '../../common/time/as-of.js';
import { addDays, daysBetween, today } from '../../common/time/calendar.js';
import type { TargetAggregation } from '../commitments/commitment-target.entity.js';
import { AgreementChanged } from '../agreements/agreement.events.js';
import { CommitmentChanged } from '../commitments/commitment.events.js';
import { CommitmentEntity } from '../commitments/commitment.entity.js';
import { ReportAccepted } from '../reports/report.events.js';
import { ReportingPeriodEntity } from '../commitments/reporting-period.entity.js';
import type { FulfilmentFilter, FulfilmentPageArgs, FulfilmentSummaryArgs } from './dto/fulfilment.args.js';
import { CommitmentStatus, FulfilmentGrouping, type CommitmentFulfilment, type FulfilmentGroup, type MissingReport } from './fulfilment.type.js';
import { SummaryCache } from './summary-cache.js';

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

/**
 * SQL conditions on commitment `c` for a filter; a partner is held to their organisation. `few`: the filter keeps
 * one agreement's or one organisation's commitments. `c` is either the
 * commitment joined to its agreement `a`, or (kept) today's figures row, which carries the same terms.
 */
function conditions(ctx: RequestContext, f: FulfilmentFilter = {}, kept = false): { where: string; params: Params; few: boolean } {
  // Signed by the day; an agreement still a draft today was one then too (kept rows hold signed_on once signed).
  const where = [kept ? 'c.signed_on <= :asOf::date' : `a.status <> 'DRAFT' AND a.signed_on <= :asOf::date`];
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
  return { where: where.join(' AND '), params, few: Boolean(f.agreementId || organisationId) };
}

/** Where the figures of `asOf` come from, and the conditions of a filter on them. */
const scopeOn = (ctx: RequestContext, filter: FulfilmentFilter | undefined, asOf: string) => {
  const source = sourceOf(asOf);
  return { source, ...conditions(ctx, filter, source === 'kept') };
};

/** The share of commitment `c`'s period elapsed on :asOf, in percent. */
const elapsedSql = (c: string) => `
  CASE WHEN ${c}.due_on <= ${c}.start_on THEN CASE WHEN :asOf::date >= ${c}.start_on THEN 100 ELSE 0 END
       ELSE least(greatest((:asOf::date - ${c}.start_on)::numeric / (${c}.due_on - ${c}.start_on), 0), 1) * 100
  END`;

/** The status of commitment `c` on :asOf, by the rule in the README, from its figures `f` (progress, fulfilled, has_reports). */
const statusRule = (c: string, f: string) => `
  CASE WHEN ${c}.cancelled_at < :asOfEnd::timestamptz THEN 'CANCELLED'
       WHEN ${f}.fulfilled THEN 'FULFILLED'
       WHEN :asOf::date > ${c}.due_on THEN 'OVERDUE'
       WHEN ${f}.progress < ${elapsedSql(c)} - ${AT_RISK_MARGIN} THEN 'AT_RISK'
       WHEN NOT ${f}.has_reports THEN 'NOT_STARTED'
       ELSE 'ON_TRACK'
  END`;

/** The terms a judged commitment carries, for groupings and lists. */
const TERMS = 'agreement_id, responsible_organisation_id, category, start_on, due_on, place_codes, cancelled_at';
/** The terms of commitment rows aliased `alias`, as a select list. */
const termsOf = (alias: string) => TERMS.split(', ').map((t) => `${alias}.${t}`).join(', ');
/** The columns of a kept commitment row (table commitment_figures). */
const KEPT_COLUMNS = `commitment_id, ${TERMS}, signed_on, progress, fulfilled, has_reports, girls, boys, women, men, with_disability`;

/**
 * What counts for the commitments in `scopeWhere`, from their reports, computed by the database (CTEs):
 * - effective: reports accepted by :asOfEnd whose activity had begun on :asOf, less those an accepted correction replaced;
 * - achievement: per target, the SUM of values or the LATEST value (latest activity, then acceptance);
 * - people: people reached per commitment with an effective report.
 */
function figuresSql(scopeWhere: string): string {
  return `${scopeSql(scopeWhere)},
  effective AS (
    SELECT r.id, r.commitment_id, r.activity_until, r.accepted_at, r.girls, r.boys, r.women, r.men,
           r.girls_with_disability + r.boys_with_disability + r.women_with_disability + r.men_with_disability AS with_disability
      FROM progress_report r JOIN scope s ON s.id = r.commitment_id
     WHERE r.accepted_at < :asOfEnd::timestamptz AND r.activity_from <= :asOf::date
       AND NOT EXISTS (SELECT 1 FROM progress_report x WHERE x.corrects_id = r.id AND x.accepted_at < :asOfEnd::timestamptz)
  ),
  reported_values AS (
    SELECT v.target_id, v.report_id, v.value, e.activity_until, e.accepted_at FROM report_value v JOIN effective e ON e.id = v.report_id
  ),
  sums AS (
    SELECT target_id, sum(value) AS value FROM reported_values GROUP BY target_id
  ),
  latest AS (
    SELECT DISTINCT ON (rv.target_id) rv.target_id, rv.value
      FROM reported_values rv JOIN commitment_target lt ON lt.id = rv.target_id AND lt.aggregation = 'LATEST'
     ORDER BY rv.target_id, rv.activity_until DESC, rv.accepted_at DESC, rv.report_id DESC
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
  ${progressSql}`;
}

/** The commitments in `scopeWhere`, with the signing day of their agreement (NULL while a draft). */
const scopeSql = (scopeWhere: string) => `
  scope AS (
    SELECT c.id, ${termsOf('c')}, CASE WHEN a.status <> 'DRAFT' THEN a.signed_on END AS signed_on
      FROM commitment c JOIN agreement a ON a.id = c.agreement_id WHERE ${scopeWhere}
  )`;

/**
 * A commitment's progress (the mean over its targets of their share achieved, at most 100 %) and whether every target
 * is met, aggregated over its targets' rows `t` (with `achieved` and `target_value`).
 */
export const progressOf = (t: string) =>
  `avg(least(${t}.achieved / ${t}.target_value, 1)) * 100 AS progress, bool_and(${t}.achieved >= ${t}.target_value) AS fulfilled`;

/** From `achievement` (per target) and `people` (per commitment with a report counted): progress, and each commitment's `figures`. */
const progressSql = `
  progress AS (
    SELECT ac.commitment_id AS id, ${progressOf('ac')} FROM achievement ac GROUP BY ac.commitment_id
  ),
  figures AS (
    SELECT s.id AS commitment_id, ${termsOf('s')}, s.signed_on, p.progress, p.fulfilled,
           pp.commitment_id IS NOT NULL AS has_reports,
           coalesce(pp.girls, 0) AS girls, coalesce(pp.boys, 0) AS boys, coalesce(pp.women, 0) AS women, coalesce(pp.men, 0) AS men,
           coalesce(pp.with_disability, 0) AS with_disability
      FROM scope s JOIN progress p ON p.id = s.id LEFT JOIN people pp ON pp.commitment_id = s.id
  )`;

/**
 * The same figures as `figuresSql`, known at :asOfEnd, from the logs of kept figures: per commitment the row logged
 * last before that moment (progress, whether fulfilled, people reached; none: nothing counted yet), and with
 * `targets` per target its achievement. A report's activity has begun by the day it is accepted (none is submitted
 * before), so what was accepted by a day's end is all that counts that day; and a commitment's targets no longer
 * change once it has a report, so the progress logged then is its progress now. `few`: the scope is a few
 * commitments (an index probe each); else each log is read once in order, which is cheaper for thousands.
 */
function loggedFiguresSql(scopeWhere: string, targets: boolean, few: boolean): string {
  const last = (log: string, key: string, columns: string, outer: string) =>
    few
      ? `LEFT JOIN LATERAL (SELECT ${columns} FROM ${log} l WHERE l.${key} = ${outer} AND l.known_from < :asOfEnd::timestamptz
                               ORDER BY l.known_from DESC LIMIT 1) l ON true`
      : `LEFT JOIN (SELECT DISTINCT ON (l.${key}) ${columns} FROM ${log} l WHERE l.known_from < :asOfEnd::timestamptz
                     ORDER BY l.${key} DESC, l.known_from DESC) l ON l.${key} = ${outer}`;
  const figures = `${scopeSql(scopeWhere)},
  figures AS (
    SELECT s.id AS commitment_id, ${termsOf('s')}, s.signed_on, coalesce(l.progress, 0) AS progress,
           coalesce(l.fulfilled, false) AS fulfilled, l.commitment_id IS NOT NULL AS has_reports, coalesce(l.girls, 0) AS girls,
           coalesce(l.boys, 0) AS boys, coalesce(l.women, 0) AS women, coalesce(l.men, 0) AS men, coalesce(l.with_disability, 0) AS with_disability
      FROM scope s ${last('commitment_figures_log', 'commitment_id', 'l.commitment_id, l.progress, l.fulfilled, l.girls, l.boys, l.women, l.men, l.with_disability', 's.id')}
     WHERE s.id IN (SELECT commitment_id FROM commitment_target)
  )`;
  if (!targets) return figures;
  return `${figures},
  achievement AS (
    SELECT t.id AS target_id, t.commitment_id, t.position, t.indicator, t.unit, t.baseline, t.target_value, t.aggregation,
           coalesce(l.achieved, 0) AS achieved
      FROM commitment_target t JOIN scope s ON s.id = t.commitment_id ${last('target_figures_log', 'target_id', 'l.target_id, l.achieved', 't.id')}
  )`;
}

/**
 * Where figures come from: today's kept rows; the logs of kept figures for any other day or moment; or the reports
 * themselves, by the rule (what the kept rows and logs must always equal; they are refreshed from it).
 */
export type FiguresSource = 'kept' | 'logged' | 'reports';

/**
 * `judged`: every commitment in `scopeWhere` with its terms, its status on :asOf, progress, elapsed share and people
 * reached; with `targets`, also `achievement` per target. Kept and logged figures cost what the commitments in scope
 * cost (one kept row, or one logged row per target), not what their reports do. `few`: see `loggedFiguresSql`.
 */
function statusSql(scopeWhere: string, source: FiguresSource, { targets = false, few = false } = {}): string {
  // Today's rows are cheap to judge again for each grouping that reads them, and slower to materialise (100,000
  // rows at L); another day's are worked out once however many read them.
  const judged = (figures: string) => `
  judged AS ${source === 'kept' ? 'NOT MATERIALIZED ' : ''}(${judgedSelect(figures)})`;
  if (source === 'reports') return `${figuresSql(scopeWhere)},${judged('figures c')}`;
  if (source === 'logged') return `${loggedFiguresSql(scopeWhere, targets, few)},${judged('figures c')}`;
  const fromKept = judged(keptIn(scopeWhere));
  if (!targets) return fromKept;
  return `${fromKept},
  achievement AS (
    SELECT t.id AS target_id, t.commitment_id, t.position, t.indicator, t.unit, t.baseline, t.target_value, t.aggregation, tf.achieved
      FROM commitment_target t JOIN judged j ON j.id = t.commitment_id JOIN target_figures tf ON tf.target_id = t.id
  )`;
}

/** Each commitment of `figures c` with its terms, status on :asOf, progress, elapsed share and people reached. */
const judgedSelect = (figures: string) => `
    SELECT c.commitment_id AS id, ${termsOf('c')}, ${statusRule('c', 'c')} AS status,
           c.progress, ${elapsedSql('c')} AS elapsed, c.girls, c.boys, c.women, c.men, c.with_disability
      FROM ${figures}`;

const keptIn = (scopeWhere: string) => `(SELECT f.*, f.commitment_id AS id FROM commitment_figures f) c WHERE ${scopeWhere}`;

/**
 * `judged` as a table to join. Today's is a plain subquery, which PostgreSQL merges into the statement around it:
 * a page of it can then be read in the order of an index of the kept rows and stop at its end (a subquery holding a
 * WITH is planned on its own, sorted whole first: 40 ms instead of 0.3 ms for the overdue page at L).
 */
function judgedTable(scopeWhere: string, source: FiguresSource, few: boolean): string {
  return source === 'kept' ? `(${judgedSelect(keptIn(scopeWhere))})` : `(WITH ${statusSql(scopeWhere, source, { few })} SELECT * FROM judged)`;
}

/** Today's figures are kept; any other day's or moment's are logged. */
const sourceOf = (when: string | AsOf): FiguresSource => (typeof when === 'string' && when === today() ? 'kept' : 'logged');

/**
 * How each grouping forms its groups: `group` is the raw group of a judged commitment `s` (after `spread`, which may
 * put a commitment in several: two networks, two provinces); `name` joins the group's record `g` to a counted group
 * `c` (its raw group in `c.grp`) for the key and label, once per group rather than once per commitment.
 */
const GROUPS: Record<FulfilmentGrouping, { spread?: string; group: string; name?: string; key: string; label: string }> = {
  [FulfilmentGrouping.AGREEMENT]: { group: 's.agreement_id', name: 'JOIN agreement g ON g.id = c.grp', key: 'c.grp::text', label: `g.reference || ' — ' || g.title` },
  [FulfilmentGrouping.ORGANISATION]: { group: 's.responsible_organisation_id', name: 'JOIN organisation g ON g.id = c.grp', key: 'c.grp::text', label: 'g.name' },
  [FulfilmentGrouping.NETWORK]: {
    spread: `LEFT JOIN network_membership gm ON gm.member_id = s.responsible_organisation_id
             AND gm.joined_on <= :asOf::date AND (gm.left_on IS NULL OR gm.left_on > :asOf::date)`,
    group: 'gm.network_id',
    name: 'LEFT JOIN organisation g ON g.id = c.grp',
    key: `coalesce(c.grp::text, '')`,
    label: `coalesce(g.name, '(no network)')`,
  },
  [FulfilmentGrouping.PLACE]: {
    spread: `LEFT JOIN LATERAL (SELECT DISTINCT split_part(code, '.', 1) AS province FROM unnest(s.place_codes) code) gp ON true`,
    group: 'gp.province',
    name: 'LEFT JOIN place g ON g.code = c.grp',
    key: `coalesce(c.grp, '')`,
    label: `coalesce(g.name, '(no place)')`,
  },
  [FulfilmentGrouping.CATEGORY]: { group: 's.category', key: 'c.grp::text', label: 'c.grp::text' },
  [FulfilmentGrouping.MONTH]: { group: `date_trunc('month', s.due_on)`, key: `to_char(c.grp, 'YYYY-MM')`, label: `to_char(c.grp, 'YYYY-MM')` },
};

/** How groups are ordered and paged: by label, then key. */
export const groupKey = (g: FulfilmentGroup): [string, string] => [g.label, g.key];

/** A summary row as the API gives it. */
function toGroup(r: Record<string, string | number>): FulfilmentGroup {
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
}

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
  INSERT INTO commitment_figures (${KEPT_COLUMNS})
  SELECT ${KEPT_COLUMNS} FROM figures
  ON CONFLICT (commitment_id) DO UPDATE SET ${KEPT_COLUMNS.split(', ').slice(1).map((k) => `${k} = EXCLUDED.${k}`).join(', ')}`;

/** The statement that rebuilds the kept figures of the commitments `c` in `scopeWhere` as of `day`, with its parameters (for bulk loads). */
export function rebuildFiguresStatement(day: string, scopeWhere = 'TRUE'): [string, unknown[]] {
  const sql = refreshSql(scopeWhere).replaceAll(':asOfEnd::timestamptz', `'infinity'::timestamptz`).replaceAll(':asOf::date', '$1::date');
  return [sql, [day]];
}

/** How many groups the summaries kept in memory may hold together (a national summary by organisation: 5,000). */
const MAX_CACHED_GROUPS = 50_000;

@Injectable()
export class FulfilmentService implements OnModuleInit {
  constructor(private readonly uow: UnitOfWork) {}

  /**
   * Today's figures are kept inside the writes that change them: a report accepted (a correction too), a
   * commitment written (its terms, targets, cancellation), an agreement written (its signing).
   */
  onModuleInit(): void {
    this.uow.on(ReportAccepted, async (ctx, event) => {
      await this.refreshFigures(ctx, [event.commitmentId]);
      await this.logFigures(ctx, event.commitmentId, event.acceptedAt);
    });
    this.uow.on(CommitmentChanged, (ctx, event) => this.refreshFigures(ctx, [event.commitmentId]));
    // Only the signing date of the agreement is kept with its commitments (it decides whether they count).
    this.uow.on(AgreementChanged, async (ctx, event) => {
      await this.query(
        ctx,
        `UPDATE commitment_figures f SET signed_on = CASE WHEN a.status <> 'DRAFT' THEN a.signed_on END
           FROM agreement a WHERE a.id = :id AND f.agreement_id = a.id
            AND f.signed_on IS DISTINCT FROM (CASE WHEN a.status <> 'DRAFT' THEN a.signed_on END)`,
        { id: event.agreementId },
      );
    });
  }

  /**
   * Recomputes the kept figures of these commitments from their reports, in the caller's write. The caller holds
   * their rows (an acceptance takes its commitment's, a commitment's own write has it locked or new), so writes to
   * one commitment take turns and each computes from what the one before committed.
   */
  async refreshFigures(ctx: RequestContext, commitmentIds: string[]): Promise<void> {
    await this.query(ctx, refreshSql('c.id = ANY(:ids::uuid[])'), { ids: commitmentIds, asOf: today(), asOfEnd: 'infinity' });
  }

  /**
   * Logs the commitment's kept figures as known from `at`, the acceptance just refreshed. Acceptances of one
   * commitment are stamped while holding its row, so their moments follow their commits; never before its last
   * logged moment all the same (the clocks of two instances may disagree), so a row never falls behind the one before.
   */
  private async logFigures(ctx: RequestContext, commitmentId: string, at: Date): Promise<void> {
    const params = { id: commitmentId, at: at.toISOString() };
    const from = `greatest(:at::timestamptz, (SELECT max(known_from) FROM commitment_figures_log WHERE commitment_id = :id))`;
    await this.query(
      ctx,
      `INSERT INTO target_figures_log (target_id, known_from, achieved)
       SELECT target_id, ${from}, achieved FROM target_figures WHERE commitment_id = :id
       ON CONFLICT (target_id, known_from) DO UPDATE SET achieved = EXCLUDED.achieved`,
      params,
    );
    await this.query(
      ctx,
      `INSERT INTO commitment_figures_log (commitment_id, known_from, progress, fulfilled, girls, boys, women, men, with_disability)
       SELECT commitment_id, ${from}, progress, fulfilled, girls, boys, women, men, with_disability FROM commitment_figures WHERE commitment_id = :id
       ON CONFLICT (commitment_id, known_from) DO UPDATE
         SET progress = EXCLUDED.progress, fulfilled = EXCLUDED.fulfilled, girls = EXCLUDED.girls, boys = EXCLUDED.boys, women = EXCLUDED.women, men = EXCLUDED.men, with_disability = EXCLUDED.with_disability`,
      params,
    );
  }

  /**
   * Status and per-target figures of the given commitments, in one statement whatever their number; from `source`
   * (by default kept for today, logged for any other day or moment).
   */
  async forCommitments(ctx: RequestContext, ids: readonly string[], when: string | AsOf = today(), source = sourceOf(when)): Promise<CommitmentFulfilment[]> {
    const asOf = typeof when === 'string' ? when : when.day;
    const rows = await this.query<TargetRow>(
      ctx,
      `WITH ${statusSql('c.id IN (:...ids)', source, { targets: true, few: true })}
       SELECT j.id AS commitment_id, j.status, j.progress, j.elapsed, ac.target_id, ac.indicator, ac.unit, ac.baseline,
              ac.target_value, ac.aggregation, ac.achieved
         FROM judged j JOIN achievement ac ON ac.commitment_id = j.id
        ORDER BY j.id, ac.position`,
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

  /**
   * The groups of one grouping. The groupings a request asks for on the same day and filter (a dashboard's by
   * organisation and by category) are answered by one statement that works out each commitment's status once:
   * on a past day, from the reports, that is the costly part.
   */
  summary(ctx: RequestContext, args: FulfilmentSummaryArgs): Promise<FulfilmentGroup[]> {
    const asOf = args.asOf ?? today();
    const loader = ctx.loader(`fulfilment.summary:${asOf}:${JSON.stringify(args.filter ?? {})}`, () =>
      new DataLoader<FulfilmentGrouping, FulfilmentGroup[]>((groupings) => this.summaries(ctx, asOf, args.filter, groupings)),
    );
    return loader.load(args.groupBy);
  }

  /**
   * Summaries answered since the last write, by everything that decides them: the last history entry's number
   * (every write appends one in its transaction, so any change to a figure, term, name or membership moves it),
   * the day, the grouping and the statement's conditions with their values (which hold a partner's organisation).
   * Read before the statement runs, so an answer is never older than the write it is filed under. Each instance
   * keeps its own; all of them check the same history.
   */
  private readonly answered = new SummaryCache(MAX_CACHED_GROUPS);

  private async summaries(ctx: RequestContext, asOf: string, filter: FulfilmentFilter | undefined, groupings: readonly FulfilmentGrouping[]) {
    const { source, where, params, few } = scopeOn(ctx, filter, asOf);
    const last = await lastEntry(this.uow.manager(ctx));
    const seq = last?.seq ?? 0;
    // The entry's hash too: a database restored to an earlier point may number different writes the same.
    const keyOf = (grouping: FulfilmentGrouping) => JSON.stringify([last?.hash ?? '', asOf, grouping, where, params]);
    const answers = groupings.map((g) => this.answered.get(seq, keyOf(g)));
    const missing = groupings.filter((_, i) => !answers[i]);
    if (missing.length > 0) {
      const counted = await this.count(ctx, asOf, source, { where, params, few }, missing);
      missing.forEach((g, i) => {
        this.answered.set(seq, keyOf(g), counted[i]!);
        answers[groupings.indexOf(g)] = counted[i]!;
      });
    }
    return answers as FulfilmentGroup[][];
  }

  private async count(
    ctx: RequestContext,
    asOf: string,
    source: FiguresSource,
    { where, params, few }: { where: string; params: Params; few: boolean },
    groupings: readonly FulfilmentGrouping[],
  ): Promise<FulfilmentGroup[][]> {
    const count = (status: CommitmentStatus) => `coalesce(sum(c.n) FILTER (WHERE c.status = '${status}'), 0)::int`;
    // Per grouping: counted per raw group and status first, so that the naming joins see few rows, then named.
    const grouped = groupings.map((grouping, i) => {
      const g = GROUPS[grouping];
      return `counted${i} AS (
         SELECT ${g.group} AS grp, s.status, count(*) AS n, sum(s.girls) AS girls, sum(s.boys) AS boys, sum(s.women) AS women,
                sum(s.men) AS men, sum(s.with_disability) AS with_disability
           FROM judged s ${g.spread ?? ''}
          GROUP BY 1, 2
       ),
       named${i} AS (
         SELECT ${i} AS grouping, ${g.key} AS key, ${g.label} AS label, sum(c.n)::int AS commitments,
                ${count(CommitmentStatus.NOT_STARTED)} AS not_started, ${count(CommitmentStatus.ON_TRACK)} AS on_track,
                ${count(CommitmentStatus.AT_RISK)} AS at_risk, ${count(CommitmentStatus.OVERDUE)} AS overdue,
                ${count(CommitmentStatus.FULFILLED)} AS fulfilled, ${count(CommitmentStatus.CANCELLED)} AS cancelled,
                sum(c.girls)::int AS girls, sum(c.boys)::int AS boys, sum(c.women)::int AS women, sum(c.men)::int AS men,
                sum(c.with_disability)::int AS with_disability
           FROM counted${i} c ${g.name ?? ''}
          GROUP BY 2, 3
       )`;
    });
    const rows = await this.query<Record<string, string | number>>(
      ctx,
      `WITH ${statusSql(where, source, { few })}, ${grouped.join(', ')}
       ${groupings.map((_, i) => `SELECT * FROM named${i}`).join(' UNION ALL ')}`,
      { ...params, ...asOfParams(asOf) },
    );
    // Sorted here, not by the database's collation, so that pages and their cursors agree (compareKeys).
    return groupings.map((_, i) =>
      rows
        .filter((r) => Number(r.grouping) === i)
        .map(toGroup)
        .sort((a, b) => compareKeys(groupKey(a), groupKey(b))),
    );
  }

  /** Commitments past due and unmet on asOf, the longest overdue first. */
  overdue(ctx: RequestContext, args: FulfilmentPageArgs): Promise<Page<CommitmentEntity>> {
    const asOf = args.asOf ?? today();
    const { source, where, params, few } = scopeOn(ctx, args.filter, asOf);
    const qb = this.uow
      .manager(ctx)
      .createQueryBuilder(CommitmentEntity, 'oc')
      // Only commitments past due and not cancelled can be OVERDUE: judging just those keeps the query small. Paged
      // in the judged rows' order: today, the kept rows' index (due_on, commitment_id) stops the scan at the page's end.
      .innerJoin(judgedTable(`${where} AND c.due_on < :asOf::date AND ${STANDING}`, source, few), 'j', `j.id = oc.id AND j.status = 'OVERDUE'`, {
        ...params,
        ...asOfParams(asOf),
      });
    return paginate(qb, args, { column: 'j.due_on', id: 'j.id', direction: 'ASC', key: (c) => [c.dueOn, c.id] }, (c) => c);
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
    const { source, where, params, few } = scopeOn(ctx, {}, asOf);
    const qb = this.uow
      .manager(null)
      .createQueryBuilder()
      .select('f.*')
      .from(
        `(WITH ${statusSql(where, source, { targets: true, few })}
          SELECT g.reference AS agreement, cm.title AS commitment, o.name AS organisation, s.category::text AS category,
                 s.due_on AS "dueOn", s.status, round(s.progress, 2) AS "progressPercent", ac.indicator, ac.unit,
                 ac.target_value AS "targetValue", ac.achieved, round(ac.achieved / ac.target_value * 100, 2) AS percent,
                 s.id AS commitment_id, ac.position
            FROM judged s JOIN achievement ac ON ac.commitment_id = s.id JOIN commitment cm ON cm.id = s.id
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
