import { foldVietnamese } from '@lienket/vn-identity';
import { withinOneEdit } from './name-distance';

describe('withinOneEdit', () => {
  it.each([
    ['hoang van thu', 'hoang van thu', true],
    ['hoang van thu', 'hoang van thi', true], // substitution
    ['hoang van thu', 'hoang vn thu', true], // deletion
    ['hoang van thu', 'hoang vaan thu', true], // insertion
    ['hoang van thu', 'hoang van thu a', false],
    ['hoang van thu', 'hoang van thi a', false],
    ['nong thi mai', 'nong thi mia', false], // a swap is two edits
    ['', 'a', true],
    ['', 'ab', false],
  ])('%s ~ %s → %s', (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
    expect(withinOneEdit(b, a)).toBe(expected);
  });

  it('treats names that differ only in diacritics as equal once folded', () => {
    const variants = ['Hoàng Văn Thụ', 'Hoang Van Thu', 'Hoàng Văn Thu'].map(foldVietnamese);
    for (const v of variants) expect(withinOneEdit(v, variants[0])).toBe(true);
  });
});
