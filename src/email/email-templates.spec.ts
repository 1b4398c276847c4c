import { renderEventEmail, vietnamTime } from './email-templates';

const suspended = {
  type: 'code.suspended',
  aggregateType: 'growing-area',
  aggregateId: '5b0c2c6e-0000-4000-8000-000000000001',
  payload: { code: 'VN-LS-0123', reason: 'Dư lượng thuốc bảo vệ thực vật vượt ngưỡng' },
  occurredAt: new Date('2026-12-01T07:05:00Z'),
};

describe('renderEventEmail', () => {
  it('says in Vietnamese what happened, to whom, about what, and how to stop it', () => {
    const { subject, body } = renderEventEmail(suspended, { fullName: 'Hoàng Thị Lan', username: 'lan' });
    expect(subject).toBe('[Liên Kết] Mã số vùng trồng VN-LS-0123 bị tạm dừng');
    expect(body.split('\n')).toEqual([
      'Kính gửi Hoàng Thị Lan,',
      '',
      'Mã số vùng trồng VN-LS-0123 bị tạm dừng',
      'Lý do: Dư lượng thuốc bảo vệ thực vật vượt ngưỡng. Các hợp đồng và cơ sở đóng gói dùng mã này cần xem lại nguồn hàng.',
      '',
      'Thông báo này liên quan đến: Mã số vùng trồng VN-LS-0123.',
      'Thời điểm: 14:05 ngày 01/12/2026 (giờ Việt Nam).',
      '',
      '-- ',
      'Thư được gửi tự động từ hệ thống Liên Kết; vui lòng không trả lời thư này.',
      'Tắt thư này: Cài đặt thông báo trên Liên Kết (loại thông báo “code.suspended”, kênh e-mail).',
      '',
    ]);
  });

  it('greets by username without a name, names the aggregate by id without a code, keeps the subject on one line', () => {
    const { subject, body } = renderEventEmail(
      {
        type: 'value_chain.status_changed',
        aggregateType: 'value-chain',
        aggregateId: 'vc-1',
        payload: { name: 'Vịt quay\r\nBcc: x@y.vn', from: 'draft', to: 'submitted' },
        occurredAt: new Date('2026-12-31T17:30:00Z'),
      },
      { fullName: ' ', username: 'htx.vit' },
    );
    expect(subject).toBe('[Liên Kết] Mô hình Vịt quay Bcc: x@y.vn: draft → submitted');
    expect(body).toContain('Kính gửi htx.vit,');
    expect(body).toContain('Thời điểm: 00:30 ngày 01/01/2027 (giờ Việt Nam).');
    const household = renderEventEmail(
      { ...suspended, type: 'household.probable_duplicate', aggregateType: 'household', payload: {} },
      { fullName: 'A', username: 'a' },
    );
    expect(household.body).toContain(`Thông báo này liên quan đến: Hộ gia đình ${suspended.aggregateId}.`);
  });
});

describe('vietnamTime', () => {
  it('reads UTC+7 whatever the server zone', () => {
    expect(vietnamTime(new Date('2026-02-28T16:59:00Z'))).toBe('23:59 ngày 28/02/2026');
    expect(vietnamTime(new Date('2026-02-28T17:00:00Z'))).toBe('00:00 ngày 01/03/2026');
  });
});
