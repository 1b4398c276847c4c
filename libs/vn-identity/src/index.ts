export { foldVietnamese, LIKE_ESCAPE, likePrefix, toSearchPrefix } from './fold-vietnamese';
export {
  CCCD_PROVINCE_CODES,
  LANG_SON_PROVINCE_CODE,
  cccdMismatch,
  isCccd,
  parseCccd,
  type CccdGender,
  type CccdInfo,
} from './cccd';
export { isVnTaxCode } from './tax-code';
export { isVnMobile, normalizeVnMobile } from './vn-mobile';
export { CccdAgreesWith, IsCccd, IsVnMobile, IsVnTaxCode } from './validators';
