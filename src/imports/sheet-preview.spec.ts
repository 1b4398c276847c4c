import { fitList } from './sheet-preview';

describe('fitList', () => {
  it('keeps a short list whole', () => {
    const list = [{ row: 2, field: 'Số CCCD', message: 'x', messageVi: 'y' }];
    expect(fitList(list)).toEqual(list);
  });

  it('cuts a long list to a head whose JSON fits a MySQL TEXT column', () => {
    const list = Array.from({ length: 1000 }, (_, i) => ({
      row: i + 2,
      field: 'Số CCCD',
      message: 'm'.repeat(150),
      messageVi: 'Số CCCD gồm 12 chữ số',
    }));
    const kept = fitList(list);
    expect(kept.length).toBeGreaterThan(100);
    expect(kept.length).toBeLessThan(1000);
    expect(Buffer.byteLength(JSON.stringify(kept))).toBeLessThanOrEqual(60_000);
    expect(kept[0]).toBe(list[0]);
  });
});
