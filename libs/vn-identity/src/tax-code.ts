/** Mã số thuế: 10 digits, plus "-NNN" for a dependent unit (branch). */
const VN_TAX_CODE_PATTERN = /^\d{10}(-\d{3})?$/;

export function isVnTaxCode(value: unknown): boolean {
  return typeof value === 'string' && VN_TAX_CODE_PATTERN.test(value);
}
