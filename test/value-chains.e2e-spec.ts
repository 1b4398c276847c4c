import { INestApplication } from '@nestjs/common';
import { OutboxEvent } from '@lienket/outbox';
import { DataSource } from 'typeorm';
import { createTestApp } from './support/app';
import { Fixtures, signedIn, TestUser, unique } from './support/fixtures';
import { householdBody } from './support/households';

let app: INestApplication;
let fx: Fixtures;
let official: TestUser;
let admin: TestUser;
beforeAll(async () => {
  app = await createTestApp();
  fx = new Fixtures(app);
  [official, admin] = [await fx.user('official'), await fx.user('admin')];
});
afterAll(() => app.close());

const as = (user: TestUser) => signedIn(app, user);
const BASE = '/api/v1/value-chains';

interface BudgetLine {
  source: string;
  capitalType: string | null;
  amountVnd: number;
  disbursedVnd: number;
}
interface PlanLine {
  programme: string;
  source: string;
  capitalType: string | null;
  planVnd: number;
  disbursedVnd: number;
  percent: number | null;
}

/** A valid model body led by the cooperative; the name starts with a token of its own (for `search`). */
function modelBody(leadCooperativeId: string | undefined, overrides: Record<string, unknown> = {}) {
  return {
    name: `${unique()} Liên kết sản xuất và tiêu thụ na Chi Lăng`,
    productCode: 'custard-apple',
    programme: '1719',
    leadCooperativeId,
    communeCodes: ['06427'],
    startsOn: '2027-03-01',
    endsOn: '2028-12-31',
    budget: { state: 600_000_000, counterpart: 100_000_000, household: 50_000_000, enterprise: 250_000_000 },
    ...overrides,
  };
}

/** A household registered by the user (cooperative staff: into their cooperative); returns its id. */
async function household(user: TestUser, overrides: Record<string, unknown> = {}): Promise<string> {
  return (await as(user).post('/api/v1/households', householdBody(overrides)).expect(201)).body.id;
}

const transition = (user: TestUser, id: string, to: string, note?: string) =>
  as(user).post(`${BASE}/${id}/transitions`, note === undefined ? { to } : { to, note });

/** The field names a 400 response lists. */
const fields = (body: { details?: Array<{ field: string }> }) => (body.details ?? []).map((d) => d.field);

describe('value-chain models', () => {
  it('runs the lifecycle with the right roles, refuses illegal moves (409 naming the allowed ones), audits and emits events', async () => {
    const cooperative = await fx.cooperative();
    const lead = await fx.user('cooperative', { cooperativeId: cooperative.id });
    const stranger = await fx.user('cooperative');

    const created = await as(lead).post(BASE, modelBody(cooperative.id)).expect(201);
    const id: string = created.body.id;
    expect(created.body).toMatchObject({
      status: 'draft',
      leadCooperativeId: cooperative.id,
      leadEnterpriseId: null,
      communeCodes: ['06427'],
      decisionNumber: null,
      figures: { households: 0, areaHa: 0, heads: 0, poorShare: 0, ethnicMinorityShare: 0 },
    });
    expect(created.body.budget).toEqual(
      expect.arrayContaining([
        { source: 'state', capitalType: null, amountVnd: 600_000_000, disbursedVnd: 0 },
        { source: 'counterpart', capitalType: null, amountVnd: 100_000_000, disbursedVnd: 0 },
        { source: 'household', capitalType: null, amountVnd: 50_000_000, disbursedVnd: 0 },
        { source: 'enterprise', capitalType: null, amountVnd: 250_000_000, disbursedVnd: 0 },
      ]),
    );
    expect(created.body.budget).toHaveLength(4);

    // Not in the lifecycle: 409 with the current and the allowed states.
    const skip = await transition(official, id, 'approved').expect(409);
    expect(skip.body).toMatchObject({ currentStatus: 'draft' });
    expect([...skip.body.allowedStatuses].sort()).toEqual(['cancelled', 'submitted']);
    const backwards = await transition(official, id, 'draft').expect(409);
    expect(backwards.body.currentStatus).toBe('draft');

    // A cooperative that neither leads nor partners does not see the model at all.
    await as(stranger).get(`${BASE}/${id}`).expect(404);
    await transition(stranger, id, 'submitted').expect(404);

    await transition(lead, id, 'submitted', 'Hồ sơ đủ').expect(200);
    const coopApproves = await transition(lead, id, 'approved').expect(403);
    expect(coopApproves.body.statusCode).toBe(403);
    // The lead may cancel only a draft.
    await transition(lead, id, 'cancelled').expect(403);

    // Approval needs the decision number and date on the model.
    const noDecision = await transition(official, id, 'approved').expect(422);
    expect(noDecision.body.message).toMatch(/decision/i);
    expect((await as(official).get(`${BASE}/${id}`).expect(200)).body.status).toBe('submitted');

    const edited = await as(official)
      .patch(`${BASE}/${id}`, {
        version: (await as(official).get(`${BASE}/${id}`).expect(200)).body.version,
        decisionNumber: '1234/QĐ-UBND',
        decisionDate: '2027-02-20',
      })
      .expect(200);
    expect(edited.body).toMatchObject({ decisionNumber: '1234/QĐ-UBND', decisionDate: '2027-02-20' });

    const approved = await transition(official, id, 'approved', 'QĐ 1234/QĐ-UBND').expect(200);
    expect(approved.body.status).toBe('approved');
    await transition(lead, id, 'implementing').expect(200);
    await transition(lead, id, 'completed').expect(403);
    const completed = await transition(official, id, 'completed').expect(200);
    expect(completed.body.status).toBe('completed');

    const late = await transition(official, id, 'cancelled').expect(409);
    expect(late.body).toMatchObject({ currentStatus: 'completed', allowedStatuses: [] });
    expect((await as(lead).get(`${BASE}/${id}`).expect(200)).body.status).toBe('completed');

    // The lead cancels its own draft; an official cancels an approved model.
    const draft = (await as(lead).post(BASE, modelBody(cooperative.id)).expect(201)).body.id;
    expect((await transition(lead, draft, 'cancelled').expect(200)).body.status).toBe('cancelled');
    const cancelledAgain = await transition(official, draft, 'submitted').expect(409);
    expect(cancelledAgain.body).toMatchObject({ currentStatus: 'cancelled', allowedStatuses: [] });

    // Audit: the creation, the edit and one entry per accepted move (refused ones leave none).
    const audit = await as(admin)
      .get(`/api/v1/audit?entity=value-chain&entityId=${id}&limit=100`)
      .expect(200);
    const entries = audit.body.items as Array<{
      action: string;
      reason: string | null;
      changes: Record<string, { before: unknown; after: unknown }> | null;
    }>;
    expect(entries.filter((e) => e.action === 'create')).toHaveLength(1);
    expect(entries.filter((e) => e.action === 'update')).toHaveLength(1);
    const moves = entries
      .filter((e) => e.action === 'status')
      .map((e) => `${e.changes!.status.before}→${e.changes!.status.after}`)
      .sort();
    expect(moves).toEqual(
      ['draft→submitted', 'submitted→approved', 'approved→implementing', 'implementing→completed'].sort(),
    );
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'status', reason: 'QĐ 1234/QĐ-UBND' }),
        expect.objectContaining({ action: 'status', reason: 'Hồ sơ đủ' }),
      ]),
    );
    await as(lead).get(`/api/v1/audit?entity=value-chain&entityId=${id}`).expect(403);
    await as(official).get(`/api/v1/audit?entity=value-chain&entityId=${id}`).expect(200);

    const events = await app
      .get(DataSource)
      .getRepository(OutboxEvent)
      .find({ where: { type: 'value_chain.status_changed', aggregateId: id } });
    expect(events.map((e) => `${e.payload.from}→${e.payload.to}`).sort()).toEqual(moves);
    expect(events.every((e) => e.aggregateType === 'value-chain' && e.payload.id === id)).toBe(true);
  });

  it('validates leads, dates, the state split, amounts and references, naming the field', async () => {
    const cooperative = await fx.cooperative();
    const enterprise = await fx.enterprise();
    const post = (body: object) => as(official).post(BASE, body);

    const both = await post(modelBody(cooperative.id, { leadEnterpriseId: enterprise.id })).expect(400);
    expect(fields(both.body)).toEqual(['leadCooperativeId']);
    const neither = await post(modelBody(undefined)).expect(400);
    expect(fields(neither.body)).toEqual(['leadCooperativeId']);

    const backwards = await post(
      modelBody(cooperative.id, { startsOn: '2027-03-01', endsOn: '2027-02-28' }),
    ).expect(400);
    expect(fields(backwards.body)).toEqual(['endsOn']);
    // The same day is a valid (one-day) period.
    await post(modelBody(cooperative.id, { startsOn: '2027-03-01', endsOn: '2027-03-01' })).expect(201);

    const budget = { state: 1_000_000, counterpart: 0, household: 0, enterprise: 0 };
    const split = await post(
      modelBody(cooperative.id, {
        budget: { ...budget, stateByCapitalType: { investment: 600_000, recurrent: 300_000 } },
      }),
    ).expect(400);
    expect(fields(split.body)).toEqual(['budget.stateByCapitalType']);
    const splitOk = await post(
      modelBody(cooperative.id, {
        budget: { ...budget, stateByCapitalType: { investment: 600_000, recurrent: 400_000 } },
      }),
    ).expect(201);
    expect(splitOk.body.budget).toEqual(
      expect.arrayContaining([
        { source: 'state', capitalType: 'investment', amountVnd: 600_000, disbursedVnd: 0 },
        { source: 'state', capitalType: 'recurrent', amountVnd: 400_000, disbursedVnd: 0 },
      ]),
    );
    expect(splitOk.body.budget.filter((b: BudgetLine) => b.source === 'state')).toHaveLength(2);

    const negative = await post(modelBody(cooperative.id, { budget: { ...budget, counterpart: -1 } })).expect(
      400,
    );
    expect(fields(negative.body)).toEqual(['budget.counterpart']);
    const negativeState = await post(modelBody(cooperative.id, { budget: { ...budget, state: -5 } })).expect(
      400,
    );
    expect(fields(negativeState.body)).toEqual(['budget.state']);
    const negativeSplit = await post(
      modelBody(cooperative.id, {
        budget: { ...budget, stateByCapitalType: { investment: -1, recurrent: 1_000_001 } },
      }),
    ).expect(400);
    expect(fields(negativeSplit.body)).toEqual(['budget.stateByCapitalType.investment']);
    const fraction = await post(modelBody(cooperative.id, { budget: { ...budget, household: 0.5 } })).expect(
      400,
    );
    expect(fields(fraction.body)).toEqual(['budget.household']);

    const name = `${unique()} mô hình sai`;
    const product = await post(modelBody(cooperative.id, { name, productCode: 'dragon-fruit-x' })).expect(
      422,
    );
    expect(product.body.message).toContain('dragon-fruit-x');
    const missingCoop = '7d3c1c3e-5a2b-4c1d-9e8f-0a1b2c3d4e5f';
    const coop = await post(modelBody(missingCoop, { name })).expect(422);
    expect(coop.body.message).toContain(missingCoop);
    const partner = await post(
      modelBody(cooperative.id, { name, partnerEnterpriseIds: [missingCoop] }),
    ).expect(422);
    expect(partner.body.message).toContain(missingCoop);
    const commune = await post(modelBody(cooperative.id, { name, communeCodes: ['06427', '99999'] })).expect(
      422,
    );
    expect(commune.body.message).toContain('99999');

    // Cooperative staff register only models their own cooperative leads.
    const staff = await fx.user('cooperative');
    await as(staff).post(BASE, modelBody(cooperative.id, { name })).expect(422);
    // None of the refused requests left a model behind.
    const search = encodeURIComponent(name.split(' ')[0]);
    expect((await as(admin).get(`${BASE}?search=${search}`).expect(200)).body.total).toBe(0);
  });

  it('adds households through the double-support check, with an official override, and derives the figures', async () => {
    const cooperative = await fx.cooperative();
    const lead = await fx.user('cooperative', { cooperativeId: cooperative.id });
    const model = (
      await as(official)
        .post(
          BASE,
          modelBody(cooperative.id, { programme: '1719', startsOn: '2027-03-01', endsOn: '2028-12-31' }),
        )
        .expect(201)
    ).body.id as string;
    const add = (user: TestUser, body: object, id = model) => as(user).post(`${BASE}/${id}/households`, body);

    // 1 poor, 1 near-poor, 2 not poor; 3 Tày and 1 Kinh.
    const h1 = await household(lead, { povertyStatus: 'poor', ethnicity: '02' });
    const h2 = await household(lead, { povertyStatus: 'near_poor', ethnicity: '02' });
    const h3 = await household(lead, { povertyStatus: 'none', ethnicity: '02' });
    const h4 = await household(lead, { povertyStatus: 'none', ethnicity: '01' });
    const h5 = await household(lead, { povertyStatus: 'poor', ethnicity: '01' });

    // Crops take hectares, not heads.
    expect(fields((await add(lead, { householdId: h1, heads: 10 }).expect(400)).body)).toEqual(
      expect.arrayContaining(['areaHa', 'heads']),
    );
    expect(fields((await add(lead, { householdId: h1 }).expect(400)).body)).toEqual(['areaHa']);

    await add(lead, { householdId: h1, areaHa: 0.5 }).expect(201);
    await add(lead, { householdId: h2, areaHa: 1.25 }).expect(201);
    await add(lead, { householdId: h1, areaHa: 0.5 }).expect(409);

    // Another programme for seedlings that year is allowed by the default rules.
    const support = (programme: string, supportedOn = '2027-04-10') => ({
      programme,
      kind: 'seedlings',
      valueVnd: 5_000_000,
      supportedOn,
    });
    await as(lead).post(`/api/v1/households/${h3}/support`, support('ntm')).expect(201);
    // 1719 seedlings in another year does not collide either.
    await as(lead).post(`/api/v1/households/${h3}/support`, support('1719', '2026-04-10')).expect(201);
    const h3Added = await add(lead, { householdId: h3, areaHa: 0.75 }).expect(201);
    expect(h3Added.body).toMatchObject({
      valueChainId: model,
      householdId: h3,
      areaHa: 0.75,
      overrideReason: null,
    });

    // The same programme for seedlings in the model's start year is double support.
    const record = (await as(lead).post(`/api/v1/households/${h4}/support`, support('1719')).expect(201))
      .body;
    const refused = await add(lead, { householdId: h4, areaHa: 2 }).expect(409);
    expect(refused.body.conflicts).toEqual([expect.objectContaining({ id: record.id, programme: '1719' })]);
    expect((await add(official, { householdId: h4, areaHa: 2 }).expect(409)).body.conflicts).toHaveLength(1);
    const reason = 'Hộ bị thiệt hại do lũ, UBND tỉnh cho phép hỗ trợ bổ sung';
    await add(lead, { householdId: h4, areaHa: 2, override: { reason } }).expect(403);
    const overridden = await add(official, { householdId: h4, areaHa: 2, override: { reason } }).expect(201);
    expect(overridden.body).toMatchObject({ householdId: h4, areaHa: 2, overrideReason: reason });
    const audit = await as(official)
      .get(`/api/v1/audit?entity=value-chain&entityId=${model}&limit=100`)
      .expect(200);
    const overrides = audit.body.items.filter(
      (e: { action: string }) => e.action === 'add-household.override',
    );
    expect(overrides).toEqual([
      expect.objectContaining({ reason, changes: { householdId: { before: null, after: h4 } } }),
    ]);
    expect(audit.body.items.filter((e: { action: string }) => e.action === 'add-household')).toHaveLength(3);

    // 4 households, 0.5 + 1.25 + 0.75 + 2 ha, 2 of 4 poor or near-poor, 3 of 4 not Kinh.
    const figures = (await as(lead).get(`${BASE}/${model}`).expect(200)).body.figures;
    expect(figures).toEqual({
      households: 4,
      areaHa: 4.5,
      heads: 0,
      poorShare: 0.5,
      ethnicMinorityShare: 0.75,
    });
    const listed = await as(lead).get(`${BASE}/${model}/households`).expect(200);
    expect(listed.body.total).toBe(4);
    expect(listed.body.items.map((p: { householdId: string }) => p.householdId).sort()).toEqual(
      [h1, h2, h3, h4].sort(),
    );

    // Taking part in another (draft) crop model of the same programme in an overlapping period collides.
    const other = (
      await as(official)
        .post(
          BASE,
          modelBody(cooperative.id, {
            productCode: 'persimmon',
            programme: '1719',
            startsOn: '2028-06-01',
            endsOn: '2029-12-31',
          }),
        )
        .expect(201)
    ).body.id as string;
    await add(lead, { householdId: h5, areaHa: 1 }, other).expect(201);
    const twoModels = await add(lead, { householdId: h5, areaHa: 1 }).expect(409);
    expect(twoModels.body.conflicts).toEqual([
      expect.objectContaining({ valueChainId: other, programme: '1719' }),
    ]);
    // A livestock model of the same programme and period is another purpose: no conflict.
    const ducks = (
      await as(official)
        .post(
          BASE,
          modelBody(cooperative.id, { productCode: 'duck', startsOn: '2027-01-01', endsOn: '2028-12-31' }),
        )
        .expect(201)
    ).body.id as string;
    // Livestock takes heads (required); it may also state the farm's area.
    expect(fields((await add(lead, { householdId: h5, areaHa: 1 }, ducks).expect(400)).body)).toEqual([
      'heads',
    ]);
    expect(fields((await add(lead, { householdId: h5, heads: 2.5 }, ducks).expect(400)).body)).toEqual([
      'heads',
    ]);
    await add(lead, { householdId: h5, heads: 300, areaHa: 7 }, ducks).expect(201);
    await add(lead, { householdId: h1, heads: 150 }, ducks).expect(201);
    expect((await as(lead).get(`${BASE}/${ducks}`).expect(200)).body.figures).toEqual({
      households: 2,
      areaHa: 7,
      heads: 450,
      poorShare: 1,
      ethnicMinorityShare: 0.5,
    });

    // Once the other crop model is cancelled it no longer collides.
    await transition(official, other, 'cancelled').expect(200);
    await add(lead, { householdId: h5, areaHa: 1 }).expect(201);
    expect((await as(lead).get(`${BASE}/${model}`).expect(200)).body.figures).toEqual({
      households: 5,
      areaHa: 5.5,
      heads: 0,
      poorShare: 0.6,
      ethnicMinorityShare: 0.6,
    });

    // Outsiders: another cooperative cannot see the model; enterprises may not add households.
    const stranger = await fx.user('cooperative');
    const theirs = await household(stranger);
    await add(stranger, { householdId: theirs, areaHa: 1 }).expect(404);
    await add(await fx.user('enterprise'), { householdId: h1, areaHa: 1 }).expect(403);
    // The lead cannot bring a household it cannot see (not a member of its cooperative).
    await add(lead, { householdId: theirs, areaHa: 1 }).expect(404);
  });

  it('never over-pays a budget line under 20 concurrent disbursements, and reports plan versus disbursed', async () => {
    const year = 2031;
    const programme = 'ntm';
    const report = async () =>
      (await as(official).get(`/api/v1/reports/disbursement?year=${year}&programme=${programme}`).expect(200))
        .body as {
        year: number;
        programme: string;
        asOf: string;
        lines: PlanLine[];
        byCapitalType: PlanLine[];
        total: { planVnd: number; disbursedVnd: number; percent: number | null };
      };
    const lineOf = (lines: PlanLine[], source: string, capitalType: string | null) =>
      lines.find((l) => l.programme === programme && l.source === source && l.capitalType === capitalType);
    // Nothing else uses ntm models starting in 2031; the baseline only matters if the database is reused.
    const before = await report();
    const base = (source: string, capitalType: string | null) => ({
      plan: lineOf(before.lines, source, capitalType)?.planVnd ?? 0,
      paid: lineOf(before.lines, source, capitalType)?.disbursedVnd ?? 0,
    });
    const nextYear = async () =>
      (
        await as(admin)
          .get(`/api/v1/reports/disbursement?year=${year + 1}&programme=${programme}`)
          .expect(200)
      ).body as { asOf: string; total: { planVnd: number; disbursedVnd: number } };
    const before2032 = await nextYear();
    const pct = (part: number, whole: number) => Math.round((part / whole) * 1000) / 10;

    const cooperative = await fx.cooperative();
    const id = (
      await as(official)
        .post(
          BASE,
          modelBody(cooperative.id, {
            programme,
            startsOn: '2031-02-01',
            endsOn: '2032-12-31',
            budget: {
              state: 1_000_000,
              counterpart: 400_000,
              household: 0,
              enterprise: 0,
              stateByCapitalType: { investment: 1_000_000, recurrent: 0 },
            },
            decisionNumber: '77/QĐ-UBND',
            decisionDate: '2031-01-15',
          }),
        )
        .expect(201)
    ).body.id as string;
    // A cancelled model of the same year and programme is not planned.
    const dropped = (
      await as(official)
        .post(
          BASE,
          modelBody(cooperative.id, {
            programme,
            startsOn: '2031-05-01',
            endsOn: '2031-12-31',
            budget: { state: 9_000_000, counterpart: 9_000_000, household: 0, enterprise: 0 },
          }),
        )
        .expect(201)
    ).body.id as string;
    await transition(official, dropped, 'cancelled').expect(200);

    const pay = (body: object, user: TestUser = official) =>
      as(user).post(`${BASE}/${id}/disbursements`, body);
    const state = { source: 'state', capitalType: 'investment', amountVnd: 75_000, paidOn: '2031-06-15' };
    await pay(state).expect(409); // still a draft
    await transition(official, id, 'submitted').expect(200);
    await transition(official, id, 'approved').expect(200);

    expect(fields((await pay({ ...state, capitalType: undefined }).expect(400)).body)).toEqual([
      'capitalType',
    ]);
    expect(
      fields(
        (
          await pay({
            source: 'counterpart',
            capitalType: 'recurrent',
            amountVnd: 1,
            paidOn: '2031-06-15',
          }).expect(400)
        ).body,
      ),
    ).toEqual(['capitalType']);
    expect(fields((await pay({ ...state, amountVnd: 0 }).expect(400)).body)).toEqual(['amountVnd']);
    expect(fields((await pay({ ...state, amountVnd: 1.5 }).expect(400)).body)).toEqual(['amountVnd']);
    await pay(state, await fx.user('cooperative', { cooperativeId: cooperative.id })).expect(403);
    // The recurrent line is 0: nothing may be paid against it.
    const recurrent = await pay({ ...state, capitalType: 'recurrent', amountVnd: 1 }).expect(409);
    expect(recurrent.body).toMatchObject({ budgetVnd: 0, disbursedVnd: 0 });

    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => pay({ ...state, voucher: `UNC ${i + 1}/2031` })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(13);
    expect(statuses.filter((s) => s === 409)).toHaveLength(7);
    // A refusal can only happen once 975,000 are paid (25,000 remain, less than 75,000): each 409 must
    // say so. Checked at the end, so the other assertions still run when this one fails.
    const refusals = results.filter((r) => r.status === 409).map((r) => r.body);

    const after = (await as(official).get(`${BASE}/${id}`).expect(200)).body;
    expect(after.budget).toEqual(
      expect.arrayContaining([
        { source: 'state', capitalType: 'investment', amountVnd: 1_000_000, disbursedVnd: 975_000 },
        { source: 'state', capitalType: 'recurrent', amountVnd: 0, disbursedVnd: 0 },
      ]),
    );
    const paid = await as(official).get(`${BASE}/${id}/disbursements?limit=100`).expect(200);
    expect(paid.body.total).toBe(13);
    expect(paid.body.items.reduce((n: number, d: { amountVnd: number }) => n + d.amountVnd, 0)).toBe(975_000);

    // Counterpart money: one payment within the year, one after 31 December (not in the 2031 report).
    await transition(official, id, 'implementing').expect(200);
    await pay({ source: 'counterpart', amountVnd: 100_000, paidOn: '2031-12-31' }).expect(201);
    await pay({ source: 'counterpart', amountVnd: 50_000, paidOn: '2032-01-02' }).expect(201);
    const over = await pay({ source: 'counterpart', amountVnd: 250_001, paidOn: '2032-02-01' }).expect(409);
    expect(over.body).toMatchObject({ budgetVnd: 400_000, disbursedVnd: 150_000 });

    const now = await report();
    expect(now).toMatchObject({ year, programme, asOf: '2031-12-31' });
    const inv = base('state', 'investment');
    expect(lineOf(now.lines, 'state', 'investment')).toEqual({
      programme,
      source: 'state',
      capitalType: 'investment',
      planVnd: inv.plan + 1_000_000,
      disbursedVnd: inv.paid + 975_000,
      percent: pct(inv.paid + 975_000, inv.plan + 1_000_000),
    });
    if (!inv.plan) expect(lineOf(now.lines, 'state', 'investment')!.percent).toBe(97.5);
    const cp = base('counterpart', null);
    expect(lineOf(now.lines, 'counterpart', null)).toMatchObject({
      planVnd: cp.plan + 400_000,
      disbursedVnd: cp.paid + 100_000,
      percent: pct(cp.paid + 100_000, cp.plan + 400_000),
    });
    const byInv = (r: typeof now) =>
      r.byCapitalType.find((l) => l.programme === programme && l.capitalType === 'investment');
    expect(byInv(now)).toMatchObject({
      planVnd: (byInv(before)?.planVnd ?? 0) + 1_000_000,
      disbursedVnd: (byInv(before)?.disbursedVnd ?? 0) + 975_000,
    });
    expect(now.total.planVnd).toBe(before.total.planVnd + 1_400_000);
    expect(now.total.disbursedVnd).toBe(before.total.disbursedVnd + 1_075_000);
    expect(now.total.percent).toBe(
      pct(before.total.disbursedVnd + 1_075_000, before.total.planVnd + 1_400_000),
    );
    if (!before.total.planVnd) expect(now.total.percent).toBe(76.8);
    // The 2032 report counts neither the model that starts in 2031 nor what was paid on it in 2032.
    const next = await nextYear();
    expect(next.asOf).toBe('2032-12-31');
    expect(next.total).toMatchObject(before2032.total);
    await as(await fx.user('cooperative'))
      .get(`/api/v1/reports/disbursement?year=${year}`)
      .expect(403);

    expect(refusals).toEqual(
      Array.from({ length: 7 }, () =>
        expect.objectContaining({ budgetVnd: 1_000_000, disbursedVnd: 975_000 }),
      ),
    );
  });

  it('scopes models to their lead and partners, and commune-bound officials to their commune', async () => {
    const cooperative = await fx.cooperative();
    const partnerCoop = await fx.cooperative();
    const [partner, outsider] = [await fx.enterprise(), await fx.enterprise()];
    const partnerUser = await fx.user('enterprise', { enterpriseId: partner.id });
    const outsiderUser = await fx.user('enterprise', { enterpriseId: outsider.id });
    const body = modelBody(cooperative.id, {
      partnerEnterpriseIds: [partner.id],
      partnerCooperativeIds: [partnerCoop.id],
    });
    const created = await as(official).post(BASE, body).expect(201);
    const id = created.body.id as string;
    expect(created.body.partnerEnterpriseIds).toEqual([partner.id]);
    expect(created.body.partnerCooperativeIds).toEqual([partnerCoop.id]);
    const search = encodeURIComponent(body.name.split(' ')[0]);
    const listIds = async (user: TestUser, query = '') =>
      (await as(user).get(`${BASE}?search=${search}&limit=200${query}`).expect(200)).body.items.map(
        (v: { id: string }) => v.id,
      );

    expect((await as(partnerUser).get(`${BASE}/${id}`).expect(200)).body.id).toBe(id);
    expect(await listIds(partnerUser)).toEqual([id]);
    await as(outsiderUser).get(`${BASE}/${id}`).expect(404);
    await as(outsiderUser).get(`${BASE}/${id}/households`).expect(404);
    await as(outsiderUser).get(`${BASE}/${id}/disbursements`).expect(404);
    expect(await listIds(outsiderUser)).toEqual([]);
    // A partner, not the lead: may read, may not move the model.
    await transition(partnerUser, id, 'submitted').expect(403);

    // The partner cooperative sees it too; the lead's staff see it.
    expect(await listIds(await fx.user('cooperative', { cooperativeId: partnerCoop.id }))).toEqual([id]);
    expect(await listIds(await fx.user('cooperative', { cooperativeId: cooperative.id }))).toEqual([id]);

    // Commune-bound officials see the models covering their commune.
    const local = await fx.user('official', { communeCode: '06427' });
    const elsewhere = await fx.user('official', { communeCode: '06196' });
    await as(local).get(`${BASE}/${id}`).expect(200);
    await as(elsewhere).get(`${BASE}/${id}`).expect(404);
    expect(await listIds(elsewhere)).toEqual([]);

    // Filters.
    expect(
      await listIds(admin, '&status=draft&programme=1719&productCode=custard-apple&communeCode=06427'),
    ).toEqual([id]);
    expect(await listIds(admin, '&status=approved')).toEqual([]);
    expect(await listIds(admin, '&productCode=persimmon')).toEqual([]);
    expect(await listIds(admin, '&communeCode=06196')).toEqual([]);
    expect(await listIds(admin, '&programme=ntm')).toEqual([]);

    // An enterprise registers a model it leads, but not one led by another enterprise.
    const own = await as(partnerUser)
      .post(BASE, modelBody(undefined, { leadEnterpriseId: partner.id }))
      .expect(201);
    expect(own.body).toMatchObject({
      leadEnterpriseId: partner.id,
      leadCooperativeId: null,
      status: 'draft',
    });
    await as(partnerUser)
      .post(BASE, modelBody(undefined, { leadEnterpriseId: outsider.id }))
      .expect(422);
    await as(outsiderUser).get(`${BASE}/${own.body.id}`).expect(404);
    await transition(partnerUser, own.body.id, 'submitted').expect(200);
  });
  it('keeps partners and communes when a PATCH changes other fields only', async () => {
    const cooperative = await fx.cooperative();
    const partnerCoop = await fx.cooperative();
    const partner = await fx.enterprise();
    const created = (
      await as(official)
        .post(
          BASE,
          modelBody(cooperative.id, {
            partnerCooperativeIds: [partnerCoop.id],
            partnerEnterpriseIds: [partner.id],
            communeCodes: ['06427', '06196'],
          }),
        )
        .expect(201)
    ).body;
    const patched = await as(official)
      .patch(`${BASE}/${created.id}`, {
        version: created.version,
        decisionNumber: '55/QĐ-UBND',
        decisionDate: '2027-02-01',
      })
      .expect(200);
    expect(patched.body).toMatchObject({
      decisionNumber: '55/QĐ-UBND',
      partnerCooperativeIds: [partnerCoop.id],
      partnerEnterpriseIds: [partner.id],
      communeCodes: ['06196', '06427'],
    });
    await as(await fx.user('enterprise', { enterpriseId: partner.id }))
      .get(`${BASE}/${created.id}`)
      .expect(200);
  });
});
