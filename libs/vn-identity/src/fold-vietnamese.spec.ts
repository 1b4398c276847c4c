import { foldVietnamese, likePrefix, toSearchPrefix } from './fold-vietnamese';

describe('foldVietnamese', () => {
  it.each([
    ['Nguyễn Thị Đào', 'nguyen thi dao'],
    ['ĐÀO', 'dao'],
    ['Lường Văn Mạnh', 'luong van manh'],
    ['Hoàng Thị Ngọc Ánh', 'hoang thi ngoc anh'],
    ['Vi Đức Hữu', 'vi duc huu'],
    ['Nông Thị Thuỷ', 'nong thi thuy'],
    ['Nông Thị Thủy', 'nong thi thuy'],
    ['Lạng Sơn', 'lang son'],
    ['Phạm Quốc Việt', 'pham quoc viet'],
    ['đường ĐÈO Mẫu Sơn', 'duong deo mau son'],
  ])('folds %j to %j', (input, expected) => {
    expect(foldVietnamese(input)).toBe(expected);
  });

  it('folds every vowel with every tone mark, lower- and upper-case', () => {
    const groups: Record<string, string> = {
      a: 'aàáảãạăằắẳẵặâầấẩẫậ',
      e: 'eèéẻẽẹêềếểễệ',
      i: 'iìíỉĩị',
      o: 'oòóỏõọôồốổỗộơờớởỡợ',
      u: 'uùúủũụưừứửữự',
      y: 'yỳýỷỹỵ',
      d: 'dđ',
    };
    for (const [base, letters] of Object.entries(groups)) {
      const all = letters + letters.toUpperCase();
      expect(foldVietnamese(all)).toBe(base.repeat(all.length));
    }
  });

  it('gives the same key for NFC and NFD input', () => {
    const nfc = 'Nguyễn Thị Đào'.normalize('NFC');
    const nfd = 'Nguyễn Thị Đào'.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    expect(foldVietnamese(nfc)).toBe('nguyen thi dao');
    expect(foldVietnamese(nfd)).toBe('nguyen thi dao');
  });

  it('collapses tabs, newlines, double and non-breaking spaces and trims', () => {
    expect(foldVietnamese('  Hoàng\tVăn   Thụ \n')).toBe('hoang van thu');
    expect(foldVietnamese('Bà\u00a0Triệu')).toBe('ba trieu');
  });

  it('leaves digits and punctuation alone and is idempotent', () => {
    expect(foldVietnamese('Thôn Bản Chắt, xã 12')).toBe('thon ban chat, xa 12');
    expect(foldVietnamese(foldVietnamese('Nguyễn Thị Đào'))).toBe('nguyen thi dao');
  });

  it('returns an empty string for empty or blank input', () => {
    expect(foldVietnamese('')).toBe('');
    expect(foldVietnamese(' \t ')).toBe('');
  });
});

describe('toSearchPrefix', () => {
  it('folds the term and appends %', () => {
    expect(toSearchPrefix('Nguyễn')).toBe('nguyen%');
    expect(toSearchPrefix('  ĐÀO   Thị ')).toBe('dao thi%');
  });

  it('escapes LIKE wildcards and the escape character with !', () => {
    expect(toSearchPrefix('50%')).toBe('50!%%');
    expect(toSearchPrefix('lô_A')).toBe('lo!_a%');
    expect(toSearchPrefix('a!b')).toBe('a!!b%');
    expect(toSearchPrefix('%_!')).toBe('!%!_!!%');
    expect(toSearchPrefix('a\\b')).toBe('a\\b%');
  });

  it('turns an empty term into a match-all pattern', () => {
    expect(toSearchPrefix('')).toBe('%');
  });

  it('escapes a term folded already without folding it again (likePrefix)', () => {
    expect(likePrefix('dao thi')).toBe('dao thi%');
    expect(likePrefix('lo_a 50%')).toBe('lo!_a 50!%%');
  });
});
