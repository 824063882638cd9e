import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { RequestContext } from '../../common/context/request-context.js';
import { AgreementEntity } from '../../modules/agreements/agreement.entity.js';
import { AgreementsService } from '../../modules/agreements/agreements.service.js';
import { CommitmentEntity } from '../../modules/commitments/commitment.entity.js';
import { CommitmentTargetEntity } from '../../modules/commitments/commitment-target.entity.js';
import { CommitmentsService } from '../../modules/commitments/commitments.service.js';
import { NetworkMembershipEntity } from '../../modules/organisations/network-membership.entity.js';
import { OrganisationEntity } from '../../modules/organisations/organisation.entity.js';
import { OrganisationsService } from '../../modules/organisations/organisations.service.js';
import { ProgressReportEntity } from '../../modules/reports/progress-report.entity.js';
import { ReportsService } from '../../modules/reports/reports.service.js';
import { UserEntity } from '../../modules/users/user.entity.js';
import { UsersService } from '../../modules/users/users.service.js';
import {
  DEMO_AGREEMENTS,
  DEMO_MEMBERSHIPS,
  DEMO_ORGANISATIONS,
  DEMO_PASSWORD,
  DEMO_REPORTS,
  DEMO_REVIEWER,
  DEMO_USERS,
  type DemoAgreement,
} from './demo-data.js';

export interface SeedResult {
  created: { organisations: number; memberships: number; agreements: number; commitments: number; users: number; reports: number };
  /** Organisation ids by fixture key, for later seed steps. */
  organisations: Map<string, string>;
  /** Agreement ids by reference. */
  agreements: Map<string, string>;
  /** The sample users created by this run, with their passwords (shown once, then kept only as hashes). */
  users: { email: string; role: string; password: string }[];
}

/**
 * Loads the demo data through the services, so every record has its history entry (actor: the seed).
 * What exists already (same organisation name, agreement reference, user email) is left alone: running it
 * twice changes nothing.
 */
export async function seedDemo(app: INestApplicationContext, options: { password?: () => string } = {}): Promise<SeedResult> {
  const passwordOf = options.password ?? (() => DEMO_PASSWORD);
  const ctx = RequestContext.system('npm run seed:demo');
  const db = app.get(DataSource);
  const orgs = app.get(OrganisationsService);
  const agreements = app.get(AgreementsService);
  const commitments = app.get(CommitmentsService);
  const users = app.get(UsersService);
  const result: SeedResult = {
    created: { organisations: 0, memberships: 0, agreements: 0, commitments: 0, users: 0, reports: 0 },
    organisations: new Map(),
    agreements: new Map(),
    users: [],
  };
  const orgId = (key: string) => {
    const id = result.organisations.get(key);
    if (!id) throw new Error(`Demo data names an unknown organisation key: ${key}`);
    return id;
  };

  for (const o of DEMO_ORGANISATIONS) {
    const existing = await db.getRepository(OrganisationEntity).findOneBy({ name: o.name, archivedAt: IsNull() });
    const org =
      existing ??
      (await orgs.create(ctx, { kind: o.kind, name: o.name, shortName: o.shortName, placeCode: o.placeCode, parentId: o.parent ? orgId(o.parent) : null }));
    if (!existing) result.created.organisations++;
    result.organisations.set(o.key, org.id);
  }

  for (const m of DEMO_MEMBERSHIPS) {
    const exists = await db.getRepository(NetworkMembershipEntity).existsBy({ networkId: orgId(m.network), memberId: orgId(m.member) });
    if (exists) continue;
    await orgs.addNetworkMember(ctx, { networkId: orgId(m.network), memberId: orgId(m.member), joinedOn: m.joinedOn });
    result.created.memberships++;
  }

  for (const a of DEMO_AGREEMENTS) {
    const existing = await db.getRepository(AgreementEntity).findOneBy({ reference: a.reference });
    if (existing) {
      result.agreements.set(a.reference, existing.id);
      continue;
    }
    const id = await createAgreement(a);
    result.agreements.set(a.reference, id);
    result.created.agreements++;
  }

  for (const u of DEMO_USERS) {
    if (await db.getRepository(UserEntity).existsBy({ email: u.email })) continue;
    const password = passwordOf();
    await users.create(ctx, {
      email: u.email,
      displayName: u.displayName,
      role: u.role,
      organisationId: u.organisation ? orgId(u.organisation) : null,
      password,
    });
    result.created.users++;
    result.users.push({ email: u.email, role: u.role, password });
  }

  // Reports are made and reviewed by the sample users, as in real use; a commitment that has reports is left alone.
  const reports = app.get(ReportsService);
  const actAs = async (email: string) => {
    const u = await db.getRepository(UserEntity).findOneByOrFail({ email });
    return new RequestContext(randomUUID(), { userId: u.id, role: u.role, organisationId: u.organisationId, displayName: u.displayName });
  };
  const reviewer = await actAs(DEMO_REVIEWER);
  const seeded = new Set<string>();
  for (const r of DEMO_REPORTS) {
    const commitment = await db
      .getRepository(CommitmentEntity)
      .findOneByOrFail({ agreementId: result.agreements.get(r.agreement), keyPointNumber: r.keyPointNumber });
    if (!seeded.has(commitment.id) && (await db.getRepository(ProgressReportEntity).existsBy({ commitmentId: commitment.id }))) continue;
    seeded.add(commitment.id);
    const targets = await db.getRepository(CommitmentTargetEntity).find({ where: { commitmentId: commitment.id }, order: { position: 'ASC' } });
    const reporter = await actAs(r.reporter);
    const report = await reports.create(reporter, {
      commitmentId: commitment.id,
      activityFrom: r.activityFrom,
      activityUntil: r.activityUntil,
      placeCodes: r.placeCodes,
      values: r.values.map((value, i) => ({ targetId: targets[i]!.id, value })),
      people: { girls: 0, boys: 0, women: 0, men: 0, girlsWithDisability: 0, boysWithDisability: 0, womenWithDisability: 0, menWithDisability: 0, ...r.people },
      narrative: r.narrative,
      evidence: r.evidence,
    });
    result.created.reports++;
    if (r.outcome === 'DRAFT') continue;
    const submitted = await reports.submit(reporter, { id: report.id, version: report.version });
    if (r.outcome === 'ACCEPTED') await reports.accept(reviewer, { id: report.id, version: submitted.version });
    if (r.outcome === 'SENT_BACK') await reports.sendBack(reviewer, { id: report.id, version: submitted.version, comment: r.comment ?? 'Please complete the report' });
  }
  return result;

  /** Records, signs and fills one agreement; a renewal starts from the agreement it renews. */
  async function createAgreement(a: DemoAgreement): Promise<string> {
    const parties = a.parties.map((p) => ({ organisationId: orgId(p.org), role: p.role, signatoryName: p.signatoryName, signatoryTitle: p.signatoryTitle }));
    const keyPoints = a.keyPoints.map((text, i) => ({ number: i + 1, text }));
    const details = { title: a.title, summary: a.summary, thematicAreas: a.thematicAreas, coveragePlaceCodes: a.coveragePlaceCodes, parties, keyPoints };
    let draft: AgreementEntity;
    if (a.renews) {
      const renewed = result.agreements.get(a.renews);
      if (!renewed) throw new Error(`${a.reference} renews ${a.renews}, which must come first in the demo data`);
      const renewal = await agreements.renew(ctx, { id: renewed, reference: a.reference, effectiveFrom: a.effectiveFrom, effectiveUntil: a.effectiveUntil });
      draft = await agreements.update(ctx, { id: renewal.id, version: renewal.version, ...details });
    } else {
      draft = await agreements.create(ctx, { kind: a.kind, reference: a.reference, effectiveFrom: a.effectiveFrom, effectiveUntil: a.effectiveUntil, ...details });
    }
    for (const c of a.commitments) {
      await commitments.add(ctx, {
        agreementId: draft.id,
        responsibleOrganisationId: orgId(c.responsible),
        category: c.category,
        title: c.title,
        keyPointNumber: c.keyPointNumber,
        startOn: c.startOn,
        dueOn: c.dueOn,
        placeCodes: c.placeCodes,
        reportingSchedule: c.reportingSchedule,
        targets: c.targets,
      });
      result.created.commitments++;
    }
    await agreements.sign(ctx, { id: draft.id, version: draft.version, signedOn: a.signedOn });
    return draft.id;
  }
}
