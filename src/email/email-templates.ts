import type { OutboxEvent } from '@lienket/outbox';
import { eventText } from '../notifications/event-texts';

export interface EmailContent {
  subject: string;
  body: string;
}

type RenderedEvent = Pick<OutboxEvent, 'type' | 'aggregateType' | 'aggregateId' | 'payload' | 'occurredAt'>;

/** What a message says its event is about, by the event's aggregate type. */
const SUBJECT_NOUNS: Record<string, string> = {
  'growing-area': 'Mã số vùng trồng',
  'packing-facility': 'Cơ sở đóng gói',
  contract: 'Hợp đồng liên kết',
  household: 'Hộ gia đình',
  cooperative: 'Hợp tác xã',
  'value-chain': 'Mô hình liên kết',
};

const VIETNAM_UTC_OFFSET_MS = 7 * 3600_000; // Vietnam keeps no daylight saving time

/** "14:05 ngày 01/12/2025": the event's time as read in Vietnam, whatever the server's zone. */
export function vietnamTime(at: Date): string {
  const t = new Date(at.getTime() + VIETNAM_UTC_OFFSET_MS);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(t.getUTCHours())}:${two(t.getUTCMinutes())} ngày ${two(t.getUTCDate())}/${two(t.getUTCMonth() + 1)}/${t.getUTCFullYear()}`;
}

function concerns(event: RenderedEvent): string {
  const noun = SUBJECT_NOUNS[event.aggregateType] ?? event.aggregateType;
  const p = event.payload ?? {};
  const name = [p.code, p.name].find((v) => typeof v === 'string' && v.trim());
  return `${noun} ${(name as string | undefined) ?? event.aggregateId}`;
}

/**
 * The plain-text e-mail of one event for one person, in Vietnamese. Title and body are the in-app
 * texts (event-texts.ts), so the two channels never say different things.
 */
export function renderEventEmail(
  event: RenderedEvent,
  recipient: { fullName: string | null; username: string },
): EmailContent {
  const { title, body } = eventText(event.type, event.payload ?? {});
  const occurred = event.occurredAt instanceof Date && !Number.isNaN(event.occurredAt.getTime());
  const lines = [
    `Kính gửi ${recipient.fullName?.trim() || recipient.username},`,
    '',
    title,
    ...(body ? [body] : []),
    '',
    `Thông báo này liên quan đến: ${concerns(event)}.`,
    ...(occurred ? [`Thời điểm: ${vietnamTime(event.occurredAt)} (giờ Việt Nam).`] : []),
    '',
    '-- ',
    'Thư được gửi tự động từ hệ thống Liên Kết; vui lòng không trả lời thư này.',
    `Tắt thư này: Cài đặt thông báo trên Liên Kết (loại thông báo “${event.type}”, kênh e-mail).`,
  ];
  // A header line: payload text (a name, a reason) must not break it.
  const subject = `[Liên Kết] ${title}`.replace(/\s+/g, ' ').trim();
  return { subject, body: `${lines.join('\n')}\n` };
}
