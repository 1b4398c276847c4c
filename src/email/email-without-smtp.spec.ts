import { ConfigService } from '@nestjs/config';
import type { OutboxEvent } from '@lienket/outbox';
import type { DataSource, EntityManager } from 'typeorm';
import type { Env } from '../config/env';
import { EmailChannel } from './email-channel.service';
import { EmailSender } from './email-sender.service';

/** Without SMTP_URL the channel must neither queue (nothing could ever go out) nor send. */
describe('e-mail without SMTP_URL', () => {
  const config = new ConfigService<Env, true>({ MAIL_FROM: 'Liên Kết <no-reply@lienket.local>' });
  const untouchable = new Proxy(
    {},
    {
      get: (_target, name) => {
        throw new Error(`the database was used (${String(name)})`);
      },
    },
  );

  it('queues nothing and reads nothing', async () => {
    const routed = [
      { event: { id: 'e1', type: 'code.suspended' } as OutboxEvent, audience: new Map([['u1', []]]) },
    ];
    await expect(new EmailChannel(config).enqueue(untouchable as EntityManager, routed)).resolves.toBe(0);
  });

  it('sends nothing and reads nothing', async () => {
    const dataSource = { getRepository: () => untouchable } as unknown as DataSource;
    await expect(new EmailSender(dataSource, config).sendDue()).resolves.toBe(0);
  });
});
