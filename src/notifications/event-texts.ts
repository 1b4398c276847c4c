/** Vietnamese title and body of each event type (SPEC §4), from the event's payload. */
type Payload = Record<string, unknown>;
const s = (v: unknown) => (v === undefined || v === null ? '' : String(v));

const TEXTS: Record<string, (p: Payload) => { title: string; body: string }> = {
  'code.suspended': (p) => ({
    title: `Mã số vùng trồng ${s(p.code)} bị tạm dừng`,
    body: `Lý do: ${s(p.reason)}. Các hợp đồng và cơ sở đóng gói dùng mã này cần xem lại nguồn hàng.`,
  }),
  'code.reinstated': (p) => ({
    title: `Mã số vùng trồng ${s(p.code)} được khôi phục`,
    body: `Lý do: ${s(p.reason)}.`,
  }),
  'code.revoked': (p) => ({
    title: `Mã số vùng trồng ${s(p.code)} bị thu hồi`,
    body: `Lý do: ${s(p.reason)}.`,
  }),
  'code.activated': (p) => ({ title: `Mã số vùng trồng ${s(p.code)} có hiệu lực`, body: s(p.reason) }),
  'code.inspection_due': (p) => ({
    title: `Sắp đến hạn kiểm tra mã số ${s(p.code)}`,
    body: `Hạn kiểm tra: ${s(p.nextInspectionDue)}.`,
  }),
  'code.inspection_overdue': (p) => ({
    title: `Quá hạn kiểm tra mã số ${s(p.code)}`,
    body: `Hạn kiểm tra đã qua: ${s(p.nextInspectionDue)}.`,
  }),
  'code.volume_exceeds_capacity': (p) => ({
    title: `Sản lượng mã số ${s(p.code)} vượt năng lực năm ${s(p.year)}`,
    body: `Thu hoạch ${s(p.harvested)} kg, hợp đồng ${s(p.contracted)} kg, năng lực ước tính ${s(p.capacity)} kg.`,
  }),
  'facility.suspended': (p) => ({
    title: `Cơ sở đóng gói ${s(p.code)} bị tạm dừng`,
    body: `Lý do: ${s(p.reason)}.`,
  }),
  'facility.revoked': (p) => ({
    title: `Cơ sở đóng gói ${s(p.code)} bị thu hồi`,
    body: `Lý do: ${s(p.reason)}.`,
  }),
  'facility.reinstated': (p) => ({
    title: `Cơ sở đóng gói ${s(p.code)} được khôi phục`,
    body: `Lý do: ${s(p.reason)}.`,
  }),
  'facility.inspection_due': (p) => ({
    title: `Sắp đến hạn kiểm tra cơ sở đóng gói ${s(p.code)}`,
    body: `Hạn kiểm tra: ${s(p.nextInspectionDue)}.`,
  }),
  'facility.inspection_overdue': (p) => ({
    title: `Quá hạn kiểm tra cơ sở đóng gói ${s(p.code)}`,
    body: `Hạn kiểm tra đã qua: ${s(p.nextInspectionDue)}.`,
  }),
  'contract.activated': (p) => ({
    title: 'Hợp đồng liên kết có hiệu lực',
    body: `Sản phẩm ${s(p.productCode)}, khối lượng ${s(p.volume)}.`,
  }),
  'contract.expiring': (p) => ({
    title: 'Hợp đồng liên kết sắp hết hạn',
    body: `Hạn giao hàng: ${s(p.deliveryTo)}.`,
  }),
  'contract.source_at_risk': (p) => ({
    title: `Nguồn hàng của hợp đồng gặp rủi ro: mã ${s(p.code)}`,
    body: `Mã số vùng trồng ${s(p.code)} ${p.status === 'revoked' ? 'bị thu hồi' : 'bị tạm dừng'} (${s(p.reason)}); khối lượng bị ảnh hưởng ${s(p.atRiskVolume)}.`,
  }),
  'supply.shortfall': (p) => ({
    title: 'Thiếu hụt nguồn cung cho hợp đồng',
    body: `Khối lượng ${s(p.atRiskVolume)} từ mã ${s(p.code)} không còn đủ điều kiện.`,
  }),
  'household.registered': (p) => ({ title: 'Hộ mới được đăng ký', body: `Xã/phường ${s(p.communeCode)}.` }),
  'household.probable_duplicate': () => ({
    title: 'Phát hiện hộ có thể trùng lặp',
    body: 'Hai bản ghi hộ gia đình giống nhau; vui lòng xem xét gộp hoặc bỏ qua.',
  }),
  'membership.changed': () => ({
    title: 'Thành viên hợp tác xã thay đổi',
    body: 'Danh sách thành viên vừa được cập nhật.',
  }),
  'value_chain.status_changed': (p) => ({
    title: `Mô hình ${s(p.name)}: ${s(p.from)} → ${s(p.to)}`,
    body: s(p.note),
  }),
  'value_chain.disbursement_lagging': (p) => ({
    title: `Giải ngân chậm: ${s(p.name)}`,
    body: `Đã giải ngân ${Math.round(Number(p.disbursedShare) * 100)}% kế hoạch khi đã qua ${Math.round(Number(p.elapsedShare) * 100)}% thời gian.`,
  }),
};

export function eventText(type: string, payload: Payload): { title: string; body: string } {
  const text = TEXTS[type]?.(payload) ?? { title: type, body: '' };
  return { title: text.title.slice(0, 200), body: text.body.slice(0, 1000) };
}
