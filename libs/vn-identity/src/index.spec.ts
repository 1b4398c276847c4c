import * as vnIdentity from './index';

describe('@lienket/vn-identity entrance', () => {
  it('exports exactly the public API', () => {
    expect(Object.keys(vnIdentity).sort()).toEqual([
      'CCCD_PROVINCE_CODES',
      'CccdAgreesWith',
      'IsCccd',
      'IsVnMobile',
      'IsVnTaxCode',
      'LANG_SON_PROVINCE_CODE',
      'LIKE_ESCAPE',
      'cccdMismatch',
      'foldVietnamese',
      'isCccd',
      'isVnMobile',
      'isVnTaxCode',
      'likePrefix',
      'normalizeVnMobile',
      'parseCccd',
      'toSearchPrefix',
    ]);
  });
});
