// Digit groups (an optional leading '+' on the first) separated by spaces, dots or dashes.
const GROUPED_DIGITS_PATTERN = /^\+?\d+(?:[ .-]+\d+)*$/;
const VN_MOBILE_PATTERN = /^(?:0|\+84)([35789]\d{8})$/;

/** Canonical form of a Vietnamese mobile number (0 and nine digits), or null if it is not one. */
export function normalizeVnMobile(value: string): string | null {
  if (typeof value !== 'string' || !GROUPED_DIGITS_PATTERN.test(value)) {
    return null;
  }
  const match = VN_MOBILE_PATTERN.exec(value.replace(/[ .-]/g, ''));
  return match ? `0${match[1]}` : null;
}

export function isVnMobile(value: unknown): boolean {
  return typeof value === 'string' && normalizeVnMobile(value) !== null;
}
