import { pick, prng } from '../database/seeds/prng';
import { Candidate, compareHouseholds, probableMatches } from './duplicate-detection.service';

/** The plain definition: every candidate of the target's block, in order. */
function* naive(targets: Candidate[], candidates: Candidate[]) {
  for (const target of targets) {
    for (const other of candidates) {
      if (other.communeCode !== target.communeCode || other.birthYear !== target.birthYear) continue;
      if (target.id && other.id === target.id) continue;
      const match = compareHouseholds(target, other);
      if (match) yield { target, other, ...match };
    }
  }
}

describe('probableMatches', () => {
  it('finds exactly the pairs, in the order, of comparing each target with its whole block', () => {
    const rand = prng(11);
    const names = [
      'hoang van thu',
      'hoang van thuu',
      'hoang van th',
      'hoang vn thu',
      'nong thi mai',
      'nong thi ma',
    ];
    const villages = [null, '', 'thon a', 'thon b', 'thon c'];
    const make = (n: number, prefix: string): Candidate[] =>
      Array.from({ length: n }, (_, i) => ({
        id: `${prefix}${i}`,
        searchKey: pick(rand, names),
        communeCode: pick(rand, ['06427', '06046']),
        birthYear: pick(rand, [1970, 1971]),
        villageKey: pick(rand, villages),
      }));
    for (let round = 0; round < 50; round++) {
      const candidates = make(120, 'c');
      // Targets are new rows (no id) or registered households among the candidates.
      const targets = [...make(40, ''), ...candidates.slice(0, 20)].map((t, i) =>
        i < 40 ? { ...t, id: '' } : t,
      );
      const strip = (pairs: Iterable<{ target: Candidate; other: Candidate; score: number }>) =>
        Array.from(pairs, (p) => [p.target, p.other.id, p.score]);
      const expected = strip(naive(targets, candidates));
      expect(expected.length).toBeGreaterThan(0);
      expect(strip(probableMatches(targets, candidates))).toEqual(expected);
    }
  });
});
