export * from './outbox-event.entity';
export * from './outbox.module';
export * from './outbox.service';
export * from './time-ordered-uuid';
