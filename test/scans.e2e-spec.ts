import { INestApplication } from '@nestjs/common';
import { OutboxEvent } from '@lienket/outbox';
import { DataSource } from 'typeorm';
import { createTestApp } from './support/app';
import { Fixtures, signedIn, TestUser } from './support/fixtures';

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

describe('disbursement lagging scan', () => {
  it('flags a model whose payments trail its elapsed time, once a month', async () => {
    const cooperative = await fx.cooperative();
    const model = async (paid: number) => {
      const created = await as(official)
        .post('/api/v1/value-chains', {
          name: `Mô hình thử ${paid}`,
          productCode: 'persimmon',
          programme: 'ntm',
          leadCooperativeId: cooperative.id,
          communeCodes: ['06427'],
          startsOn: '2032-01-01',
          endsOn: '2032-12-31',
          budget: { state: 0, counterpart: 1_000_000, household: 0, enterprise: 0 },
          decisionNumber: '99/QĐ-UBND',
          decisionDate: '2031-12-20',
        })
        .expect(201);
      for (const to of ['submitted', 'approved', 'implementing']) {
        await as(official).post(`/api/v1/value-chains/${created.body.id}/transitions`, { to }).expect(200);
      }
      if (paid) {
        await as(official)
          .post(`/api/v1/value-chains/${created.body.id}/disbursements`, {
            source: 'counterpart',
            amountVnd: paid,
            paidOn: '2032-03-01',
          })
          .expect(201);
      }
      return created.body.id as string;
    };
    // At 1 July half the year is gone: below 0.5 × ~0.5 of the budget paid is lagging.
    const [slow, onTrack] = [await model(100_000), await model(600_000)];
    for (let i = 0; i < 2; i++) {
      await as(admin).post('/api/v1/scans/disbursement-lagging', { today: '2032-07-01' }).expect(200);
    }
    const events = await app
      .get(DataSource)
      .getRepository(OutboxEvent)
      .find({ where: [{ aggregateId: slow }, { aggregateId: onTrack }] });
    const lagging = events.filter((e) => e.type === 'value_chain.disbursement_lagging');
    expect(lagging.map((e) => e.aggregateId)).toEqual([slow]);
    expect(lagging[0].payload).toMatchObject({ disbursedShare: 0.1 });
    await as(official).post('/api/v1/scans/disbursement-lagging', {}).expect(403);
  });
});
