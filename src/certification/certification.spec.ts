import { ConflictException } from '@nestjs/common';
import { assertTransition, CERTIFICATION_STATUSES, TRANSITIONS } from './certification-status';
import { addDays, addMonths, todayInVietnam } from './inspection-schedule';

describe('addMonths (SPEC §5a: clamps to the month end)', () => {
  it.each([
    ['2026-08-31', 6, '2027-02-28'],
    ['2027-08-31', 6, '2028-02-29'],
    ['2026-05-31', 6, '2026-11-30'],
    ['2026-01-15', 12, '2027-01-15'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-12-31', 1, '2027-01-31'],
  ])('%s + %i months = %s', (from, months, expected) => {
    expect(addMonths(from, months)).toBe(expected);
  });

  it('adds days across a year end', () => {
    expect(addDays('2026-12-20', 30)).toBe('2027-01-19');
  });

  it('takes today in Việt Nam (UTC+7), not in UTC', () => {
    expect(todayInVietnam(new Date('2026-11-23T18:30:00Z'))).toBe('2026-11-24');
    expect(todayInVietnam(new Date('2026-11-23T16:59:00Z'))).toBe('2026-11-23');
  });
});

describe('the certificate transition table', () => {
  it('allows pending → active ⇄ suspended and revoked from every other state', () => {
    expect(TRANSITIONS.pending).toEqual(['active', 'revoked']);
    expect(TRANSITIONS.active).toEqual(['suspended', 'revoked']);
    expect(TRANSITIONS.suspended).toEqual(['active', 'revoked']);
    for (const s of CERTIFICATION_STATUSES.filter((x) => x !== 'revoked'))
      expect(TRANSITIONS[s]).toContain('revoked');
  });

  it('refuses anything out of revoked, naming the state', () => {
    expect(() => assertTransition('Code X', 'revoked', 'active')).toThrow(ConflictException);
    try {
      assertTransition('Code X', 'pending', 'suspended');
    } catch (e) {
      expect((e as ConflictException).getResponse()).toMatchObject({
        currentStatus: 'pending',
        allowedStatuses: ['active', 'revoked'],
        message: expect.stringContaining('pending'),
      });
    }
  });
});
