import { INestApplication } from '@nestjs/common';
import { OutboxRelay } from '../../src/notifications/outbox-relay.service';
import { Fixtures, signedIn, TestUser } from './fixtures';

let serial = 0;

/**
 * A notification through the real outbox: an official creates and activates a growing-area code in
 * the commune, and the relay delivers `code.activated` to its audience (that commune's officials
 * and inspectors, the province's, the code's cooperative). The reason is the notification's body.
 */
export async function deliverCodeActivated(
  app: INestApplication,
  official: TestUser,
  { communeCode, reason }: { communeCode: string; reason: string },
): Promise<{ id: string; code: string }> {
  const cooperative = await new Fixtures(app).cooperative({ communeCode });
  const code = `VN-NT-${String(Date.now() % 10000).padStart(4, '0')}${String(serial++ % 100).padStart(2, '0')}`;
  const created = await signedIn(app, official)
    .post('/api/v1/growing-areas', {
      code,
      kind: 'domestic',
      productCode: 'chestnut',
      areaHa: 3,
      communeCode,
      cooperativeId: cooperative.id,
      issuer: 'Chi cục Trồng trọt và BVTV Lạng Sơn',
      issuedOn: '2026-06-01',
    })
    .expect(201);
  await signedIn(app, official)
    .post(`/api/v1/growing-areas/${created.body.id}/status`, { to: 'active', reason })
    .expect(200);
  await app.get(OutboxRelay).drain();
  return { id: created.body.id as string, code };
}
