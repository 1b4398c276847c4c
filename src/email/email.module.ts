import { Module } from '@nestjs/common';
import { EmailChannel } from './email-channel.service';
import { EmailSender } from './email-sender.service';

/** The e-mail channel: queuing in the dispatcher's transaction, and sending over SMTP. */
@Module({
  providers: [EmailChannel, EmailSender],
  exports: [EmailChannel, EmailSender],
})
export class EmailModule {}
