import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp } from './support/app';
import { Fixtures, TestUser } from './support/fixtures';
import { cccdFor } from './support/households';

/**
 * On MySQL a household import's commit reads the register on a second pooled connection while its
 * transaction holds the first: as many commits at once as the pool has connections would wait for
 * each other forever. The smallest pool, two connections, with three commits at once.
 */
let app: INestApplication;
let fx: Fixtures;
beforeAll(async () => {
  app = await createTestApp({ DATABASE_POOL_SIZE: '2' });
  fx = new Fixtures(app);
});
afterAll(async () => {
  await app.close();
  delete process.env.DATABASE_POOL_SIZE; // the next test file in this worker gets the default
});

const HEADER =
  'Họ tên chủ hộ,Số CCCD,Giới tính,Năm sinh,Dân tộc,Số điện thoại,Xã/phường,Thôn,Số nhân khẩu,Hộ nghèo/cận nghèo';

async function preview(user: TestUser, village: string): Promise<string> {
  const rows = Array.from(
    { length: 5 },
    (_, i) =>
      `Hoàng Văn Pool ${i},${cccdFor(1970 + i, 'male')},Nam,${1970 + i},Tày,,06427,${village},4,nghèo`,
  );
  const res = await request(app.getHttpServer())
    .post('/api/v1/imports/households')
    .auth(user.token, { type: 'bearer' })
    .attach('file', Buffer.from([HEADER, ...rows].join('\n'), 'utf8'), {
      filename: 'ho.csv',
      contentType: 'text/csv',
    })
    .expect(201);
  expect(res.body).toMatchObject({ valid: 5, invalidCount: 0 });
  return res.body.id as string;
}

it('runs more household-import commits at once than the pool has connections', async () => {
  const users = [await fx.user('cooperative'), await fx.user('cooperative'), await fx.user('cooperative')];
  const jobs = await Promise.all(users.map((u, i) => preview(u, `Thôn Bể ${i}`)));
  const commits = await Promise.all(
    users.map((u, i) =>
      request(app.getHttpServer())
        .post(`/api/v1/imports/${jobs[i]}/commit`)
        .auth(u.token, { type: 'bearer' }),
    ),
  );
  for (const res of commits) {
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 5 });
  }
}, 30_000);
