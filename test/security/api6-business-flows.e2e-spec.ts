import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp } from '../support/app';
import { Fixtures, signedIn, TestUser } from '../support/fixtures';
import { cccdFor } from '../support/households';
import { householdCsv } from './support/world';

/**
 * OWASP API6:2023 Unrestricted Access to Sensitive Business Flows. The flows worth abusing here,
 * and where each is held:
 * - guessing passwords: failed logins throttled per username and address (test/auth.e2e-spec.ts),
 *   logins per minute per address and requests per person (test/throttling.e2e-spec.ts);
 * - replaying a refresh token: the family is revoked (test/auth.e2e-spec.ts);
 * - paying a budget line twice or over: concurrent disbursements never exceed it
 *   (test/value-chains.e2e-spec.ts); committing supply twice: parallel contract activations never
 *   over-commit (test/contracts-supply.e2e-spec.ts);
 * - double support for one household: the double-support check (test/integrity.e2e-spec.ts);
 * - replayed creations: Idempotency-Key, 100 concurrent identical requests have one effect
 *   (test/idempotency.e2e-spec.ts);
 * - an import committed twice: re-committing answers 409 (test/imports.e2e-spec.ts), and here
 *   the same commit sent many times at once.
 * Scans are admin-only and announce each subject once per period however often they run
 * (test/scans.e2e-spec.ts), so running them in a loop sends nobody anything twice.
 */
let app: INestApplication;
let coop: TestUser;
beforeAll(async () => {
  app = await createTestApp();
  coop = await new Fixtures(app).user('cooperative');
});
afterAll(() => app.close());

it('an import committed by 8 requests at once is written once: one 200, the others 409', async () => {
  const village = `Thôn Đua ${Date.now().toString(36)}`;
  const rows = Array.from({ length: 30 }, (_, i) => [
    `Nông Văn Đua ${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`,
    cccdFor(1970 + (i % 30), 'male'),
    'Nam',
    1970 + (i % 30),
    'Tày',
    '',
    'Cai Kinh',
    village,
    4,
    'nghèo',
  ]);
  const preview = await request(app.getHttpServer())
    .post('/api/v1/imports/households')
    .auth(coop.token, { type: 'bearer' })
    .attach('file', householdCsv(rows), { filename: 'dua.csv', contentType: 'text/csv' })
    .expect(201);
  expect(preview.body).toMatchObject({ rows: 30, valid: 30 });
  const answers = await Promise.all(
    Array.from({ length: 8 }, () => signedIn(app, coop).post(`/api/v1/imports/${preview.body.id}/commit`)),
  );
  const statuses = answers.map((r) => r.status).sort();
  expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
  expect(answers.find((r) => r.status === 200)!.body).toMatchObject({ created: 30 });
  const listed = await signedIn(app, coop)
    .get(`/api/v1/households?limit=200&search=${encodeURIComponent('Nông Văn Đua')}`)
    .expect(200);
  expect(listed.body.items.filter((h: { village: string }) => h.village === village)).toHaveLength(30);
});
