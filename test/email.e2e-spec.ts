import { INestApplication } from '@nestjs/common';
import { OutboxEvent } from '@lienket/outbox';
import { ParsedMail, simpleParser } from 'mailparser';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { EmailDelivery } from '../src/email/email-delivery.entity';
import { EmailSender } from '../src/email/email-sender.service';
import { NotificationDispatcher } from '../src/notifications/notification-dispatcher.service';
import { OutboxRelay } from '../src/notifications/outbox-relay.service';
import { createTestApp } from './support/app';
import { Fixtures, PASSWORD, signedIn, TestUser, unique } from './support/fixtures';

/** A real SMTP server on 127.0.0.1 that keeps every message it accepts; it can go down and come back. */
class Mailbox {
  readonly messages: Array<ParsedMail & { rcptTo: string[] }> = [];
  private server?: SMTPServer;
  port = 0;

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 50,
      onData: (stream, session, callback) => {
        simpleParser(stream).then(
          (mail) => {
            this.messages.push({ ...mail, rcptTo: session.envelope.rcptTo.map((r) => r.address) });
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  get running(): boolean {
    return Boolean(this.server);
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The messages of one event to one person, by the idempotency key they carry. */
  of(eventId: string, userId: string): Array<ParsedMail & { rcptTo: string[] }> {
    return this.messages.filter(
      (m) => m.headers.get('x-lienket-idempotency-key') === `${eventId}:${userId}:email`,
    );
  }
}

const mailbox = new Mailbox();
let app: INestApplication;
let fx: Fixtures;
let admin: TestUser;
let official: TestUser;
beforeAll(async () => {
  await mailbox.start();
  app = await createTestApp({
    SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`,
    EMAIL_RETRY_BASE_MS: '10',
    EMAIL_MAX_ATTEMPTS: '3',
  });
  fx = new Fixtures(app);
  [admin, official] = [await fx.user('admin'), await fx.user('official')];
});
afterEach(async () => {
  if (!mailbox.running) await mailbox.start();
});
afterAll(async () => {
  await app.close();
  await mailbox.stop();
});

const as = (user: TestUser) => signedIn(app, user);
const db = () => app.get(DataSource);
const sendDue = () => app.get(EmailSender).sendDue();
// The MariaDB database is shared by every test file, each app relaying whatever is unpublished.
const sharedDatabase = Boolean(process.env.DATABASE_URL);
let serial = 0;
const nextCode = () =>
  `VN-EM-${String(Date.now() % 10000).padStart(4, '0')}${String(serial++ % 100).padStart(2, '0')}`;

/** A cooperative user with the address set by an admin (PATCH /users/:id), as a mailbox owner would have. */
async function member(cooperativeId: string, email: string | null): Promise<TestUser & { email: string }> {
  const user = await fx.user('cooperative', { cooperativeId });
  if (email) {
    const { version } = (await as(admin).get(`/api/v1/users/${user.id}`).expect(200)).body;
    const updated = await as(admin).patch(`/api/v1/users/${user.id}`, { email, version }).expect(200);
    expect(updated.body.email).toBe(email);
  }
  return { ...user, email: email ?? '' };
}

/** An active code of the cooperative; its activation is relayed, so only what follows is news. */
async function activeCode(cooperativeId: string): Promise<{ id: string; code: string }> {
  const created = await as(official)
    .post('/api/v1/growing-areas', {
      code: nextCode(),
      kind: 'domestic',
      productCode: 'persimmon',
      areaHa: 2,
      communeCode: '06172',
      cooperativeId,
      issuer: 'Chi cục Trồng trọt và BVTV Lạng Sơn',
      issuedOn: '2026-06-01',
    })
    .expect(201);
  await as(official)
    .post(`/api/v1/growing-areas/${created.body.id}/status`, { to: 'active', reason: 'cấp mã' })
    .expect(200);
  return created.body;
}

/** Suspends the code and answers the id of its code.suspended event. */
async function suspend(codeId: string): Promise<string> {
  await as(official)
    .post(`/api/v1/growing-areas/${codeId}/status`, { to: 'suspended', reason: 'Dư lượng vượt ngưỡng' })
    .expect(200);
  const event = await db()
    .getRepository(OutboxEvent)
    .findOneByOrFail({ aggregateId: codeId, type: 'code.suspended' });
  return event.id;
}

/**
 * Relays the outbox, then hands the code's events to the dispatcher once more, as a retried relay
 * would (it queues nothing twice). On the shared MariaDB database another test file's app, running
 * without SMTP_URL, may have relayed the event first and queued no e-mail.
 */
async function relay(codeId: string): Promise<void> {
  await app.get(OutboxRelay).drain();
  const events = await db().getRepository(OutboxEvent).findBy({ aggregateId: codeId });
  await db().transaction((em) => app.get(NotificationDispatcher).dispatch(em, events));
}

const deliveriesOf = (eventId: string, userId: string) =>
  db().getRepository(EmailDelivery).findBy({ eventId, userId });

/** Sends what is due until the delivery satisfies `done` (retries are 10 ms apart here). */
async function sendUntil(eventId: string, userId: string, done: (d: EmailDelivery) => boolean) {
  for (let i = 0; i < 100; i++) {
    await sendDue();
    const [delivery] = await deliveriesOf(eventId, userId);
    if (delivery && done(delivery)) return delivery;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the e-mail delivery did not settle');
}

/** A member's code suspended while the SMTP server is down (it stays down; afterEach restarts it). */
async function suspendedWhileMailboxDown(localPart: string) {
  const cooperative = await fx.cooperative();
  const user = await member(cooperative.id, `${localPart}.${unique()}@htx-thu.example.vn`);
  const code = await activeCode(cooperative.id);
  await relay(code.id);
  await sendDue(); // the activation, while the server is up
  await mailbox.stop();
  const eventId = await suspend(code.id);
  await relay(code.id);
  return { user, eventId };
}

const inboxTypes = async (user: TestUser, entityId: string) =>
  (await as(user).get(`/api/v1/notifications?limit=200&entityId=${entityId}`).expect(200)).body.items.map(
    (n: { type: string }) => n.type,
  );

describe('e-mail notifications', () => {
  it('sends an event once, in Vietnamese, to the address of each person it concerns', async () => {
    const cooperative = await fx.cooperative();
    const lan = await member(cooperative.id, `lan.${unique()}@htx-thu.example.vn`);
    const code = await activeCode(cooperative.id);
    const eventId = await suspend(code.id);
    await app.get(OutboxRelay).drain();
    if (!sharedDatabase) expect(await deliveriesOf(eventId, lan.id)).toHaveLength(1); // the relay queued it
    await relay(code.id);
    expect(await sendDue()).toBeGreaterThanOrEqual(1);

    const [mail] = mailbox.of(eventId, lan.id);
    expect(mail.subject).toBe(`[Liên Kết] Mã số vùng trồng ${code.code} bị tạm dừng`);
    expect(mail.rcptTo).toEqual([lan.email]);
    expect(mail.from?.value[0]).toEqual({ name: 'Liên Kết', address: 'no-reply@lienket.local' });
    expect(mail.messageId).toBe(`<${eventId}.${lan.id}@lienket.local>`);
    const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
    expect(to?.value[0].address).toBe(lan.email);
    const text = mail.text ?? '';
    expect(text).toContain('Kính gửi Người dùng thử cooperative,');
    expect(text).toContain(
      'Lý do: Dư lượng vượt ngưỡng. Các hợp đồng và cơ sở đóng gói dùng mã này cần xem lại nguồn hàng.',
    );
    expect(text).toContain(`Thông báo này liên quan đến: Mã số vùng trồng ${code.code}.`);
    expect(text).toContain('Tắt thư này: Cài đặt thông báo trên Liên Kết');
    const [sent] = await deliveriesOf(eventId, lan.id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, lastError: null, toAddress: lan.email });
    expect(sent.sentAt).toBeInstanceOf(Date);

    // Relayed and sent again: nothing new goes out.
    await relay(code.id);
    await sendDue();
    expect(await deliveriesOf(eventId, lan.id)).toHaveLength(1);
    expect(mailbox.of(eventId, lan.id)).toHaveLength(1);
  });

  it('sends nothing to whoever switched the event off for e-mail (the inbox still has it) or has no address', async () => {
    const cooperative = await fx.cooperative();
    const quiet = await member(cooperative.id, `im.lang.${unique()}@htx-thu.example.vn`);
    const noAddress = await member(cooperative.id, null);
    const control = await member(cooperative.id, `doi.chung.${unique()}@htx-thu.example.vn`);
    await as(quiet)
      .put('/api/v1/notification-preferences', {
        preferences: [{ eventType: 'code.suspended', channel: 'email', enabled: false }],
      })
      .expect(200);
    const code = await activeCode(cooperative.id);
    const eventId = await suspend(code.id);
    await relay(code.id);
    await sendDue();

    expect(mailbox.of(eventId, control.id)).toHaveLength(1);
    expect(mailbox.of(eventId, quiet.id)).toEqual([]);
    expect(mailbox.messages.filter((m) => m.rcptTo.includes(quiet.email))).toHaveLength(1); // the activation
    expect(await deliveriesOf(eventId, quiet.id)).toEqual([]);
    expect(await deliveriesOf(eventId, noAddress.id)).toEqual([]);
    expect(await inboxTypes(quiet, code.id)).toContain('code.suspended');
    expect(await inboxTypes(noAddress, code.id)).toContain('code.suspended');
  });

  it('keeps an e-mail pending while the SMTP server is down and sends it once it is back', async () => {
    const { user, eventId } = await suspendedWhileMailboxDown('cho');
    expect(await sendDue()).toBe(0);
    const [failed] = await deliveriesOf(eventId, user.id);
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, claimedBy: null, leaseUntil: null });
    expect(failed.lastError).toMatch(/ECONNREFUSED/);
    expect(mailbox.of(eventId, user.id)).toEqual([]);

    await mailbox.start();
    const sent = await sendUntil(eventId, user.id, (d) => d.status === 'sent');
    expect(sent).toMatchObject({ attempts: 2, lastError: null });
    expect(mailbox.of(eventId, user.id)).toHaveLength(1);
  });

  it('dead-letters an e-mail after EMAIL_MAX_ATTEMPTS failed attempts', async () => {
    const { user, eventId } = await suspendedWhileMailboxDown('het.luot');
    const dead = await sendUntil(eventId, user.id, (d) => d.status !== 'pending');
    expect(dead).toMatchObject({ status: 'dead', attempts: 3, sentAt: null });
    expect(dead.lastError).toMatch(/ECONNREFUSED/);

    await mailbox.start();
    await sendDue();
    expect(mailbox.messages.filter((m) => m.rcptTo.includes(user.email))).toHaveLength(1); // the activation
  });
});

describe('users’ e-mail address', () => {
  it('is set on create, shown in /auth/me, cleared with null, and checked (400 naming the field)', async () => {
    const username = `t.mail.${unique()}`;
    const created = await as(admin)
      .post('/api/v1/users', {
        username,
        password: PASSWORD,
        fullName: 'Nông Thị Hoa',
        role: 'official',
        email: 'hoa.nong@langson.gov.vn',
      })
      .expect(201);
    expect(created.body.email).toBe('hoa.nong@langson.gov.vn');
    const login = await request(app.getHttpServer())
      .post('/api/v1/auth/login')
      .send({ username, password: PASSWORD })
      .expect(200);
    const me = await request(app.getHttpServer())
      .get('/api/v1/auth/me')
      .auth(login.body.accessToken, { type: 'bearer' })
      .expect(200);
    expect(me.body.email).toBe('hoa.nong@langson.gov.vn');

    const cleared = await as(admin)
      .patch(`/api/v1/users/${created.body.id}`, { email: null, version: created.body.version })
      .expect(200);
    expect(cleared.body.email).toBeNull();

    for (const email of ['not-an-address', 'a@b', 'x'.repeat(250) + '@lienket.vn']) {
      const bad = await as(admin)
        .patch(`/api/v1/users/${created.body.id}`, { email, version: cleared.body.version })
        .expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['email']);
    }
    const badCreate = await as(admin)
      .post('/api/v1/users', {
        username: `t.mail.${unique()}`,
        password: PASSWORD,
        fullName: 'Sai địa chỉ',
        role: 'official',
        email: 'hoa@',
      })
      .expect(400);
    expect(badCreate.body.details.map((d: { field: string }) => d.field)).toEqual(['email']);
  });
});
