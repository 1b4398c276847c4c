import { chunkByBlock, fitList } from './sheet-preview';

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

describe('chunkByBlock', () => {
  async function* pages(keys: string[], pageSize: number) {
    const rows = keys.map((matchKey, i) => ({ matchKey, row: i + 2 }));
    for (let i = 0; i < rows.length; i += pageSize) yield rows.slice(i, i + pageSize);
  }
  const chunks = async (keys: string[], size: number, maxBlocks: number, pageSize = 3) => {
    const out: string[][] = [];
    for await (const chunk of chunkByBlock(pages(keys, pageSize), size, maxBlocks))
      out.push(chunk.map((r) => r.matchKey));
    return out;
  };
  const keys = (spec: string) => spec.split('').filter((k) => k !== ' ');

  it('cuts at block boundaries, at most `size` rows and `maxBlocks` blocks a chunk', async () => {
    expect(await chunks(keys('aab bbc ccc d'), 4, 10)).toEqual([
      keys('aa'),
      keys('bbb'),
      keys('cccc'),
      ['d'],
    ]);
    expect(await chunks(keys('aab bbc ccc d'), 6, 10)).toEqual([keys('aabbb'), keys('ccccd')]);
  });

  it('hands a block larger than a chunk over in parts, after the whole blocks before it', async () => {
    expect(await chunks(keys('ab bbbbbbb c'), 3, 10)).toEqual([['a'], keys('bbb'), keys('bbb'), keys('bbc')]);
  });

  it('keeps to the block limit however small the blocks', async () => {
    expect(await chunks(keys('abcdefg'), 100, 3, 2)).toEqual([keys('abc'), keys('def'), ['g']]);
  });

  it('hands over whole blocks: every row once, in order', async () => {
    const many = Array.from({ length: 500 }, (_, i) => String.fromCharCode(97 + Math.floor(Math.sqrt(i))));
    const out = await chunks(many, 37, 5, 11);
    expect(out.flat()).toEqual(many);
    for (const c of out) expect(c.length).toBeLessThanOrEqual(37);
    for (let i = 1; i < out.length; i++) {
      const [end, start] = [out[i - 1][out[i - 1].length - 1], out[i][0]];
      // A block continues into the next chunk only when it filled a chunk alone.
      if (end === start) expect(new Set(out[i - 1]).size).toBe(1);
    }
  });
});
