import type { GrowingArea } from '../growing-areas/growing-area.entity';
import type { PackingFacility } from './packing-facility.entity';
import { sourcingRefusal } from './sourcing-rule';

const facility = (over: Partial<PackingFacility> = {}, markets = ['CN'], productCodes = ['custard-apple']) =>
  ({ code: 'VN-LSPH-001', kind: 'export', ...over, markets, productCodes }) as PackingFacility & {
    markets: string[];
    productCodes: string[];
  };
const area = (over: Partial<GrowingArea> = {}) =>
  ({
    code: 'VN-LSCL-0001',
    kind: 'export',
    status: 'active',
    productCode: 'custard-apple',
    ...over,
  }) as GrowingArea;

describe('sourcingRefusal', () => {
  it('accepts an active export code of a packed product sharing a market', () => {
    expect(sourcingRefusal(facility(), area(), ['CN', 'JP'])).toBeNull();
  });
  it.each([
    ['a product it does not pack', area({ productCode: 'persimmon' }), ['CN'], 'not persimmon'],
    ['a suspended code', area({ status: 'suspended' }), ['CN'], 'is suspended'],
    ['a domestic code', area({ kind: 'domestic' }), [], 'is domestic'],
    ['a code with no market in common', area(), ['US'], 'serves CN'],
  ])('refuses %s', (_label, code, markets, reason) => {
    expect(sourcingRefusal(facility(), code, markets)).toContain(reason);
  });
  it('lets a domestic facility source from an active domestic code', () => {
    expect(
      sourcingRefusal(facility({ kind: 'domestic' }, ['VN']), area({ kind: 'domestic' }), []),
    ).toBeNull();
  });
});
