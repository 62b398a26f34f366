import { describe, expect, it } from 'vitest';
import { budgetKey, forwardedAddress, normaliseAddress } from './client-address.js';
import { RateLimiter } from './rate-limit.js';

/** A clock the test moves by hand. */
function clock() {
  let t = 1_000_000;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe('RateLimiter', () => {
  it('gives a burst, then refills at its rate and never beyond the burst', () => {
    const time = clock();
    const limiter = new RateLimiter({ burst: 3, perSecond: 0.5, now: time.now });
    expect([1, 2, 3, 4].map(() => limiter.tryTake('a'))).toEqual([true, true, true, false]);
    expect(limiter.retryAfterSeconds('a')).toBe(2);
    time.advance(1999);
    expect(limiter.tryTake('a')).toBe(false);
    time.advance(1);
    expect(limiter.tryTake('a')).toBe(true);
    // A long quiet time saves up one burst, no more.
    time.advance(3_600_000);
    expect([1, 2, 3, 4].map(() => limiter.tryTake('a'))).toEqual([true, true, true, false]);
    // Keys are independent.
    expect(limiter.tryTake('b')).toBe(true);
  });

  it('lets a charge made after the work run into debt, paid back by a longer wait', () => {
    const time = clock();
    const limiter = new RateLimiter({ burst: 2, perSecond: 1, now: time.now });
    for (let i = 0; i < 5; i++) limiter.charge('a');
    expect(limiter.tokens('a')).toBe(-2);
    expect(limiter.allows('a')).toBe(false);
    expect(limiter.retryAfterSeconds('a')).toBe(3);
    time.advance(3000);
    expect(limiter.allows('a')).toBe(true);
  });

  it('keeps memory bounded: full buckets are swept, and the stalest key goes at the cap', () => {
    const time = clock();
    const limiter = new RateLimiter({
      burst: 5,
      perSecond: 1,
      maxKeys: 1000,
      sweepMs: 60_000,
      now: time.now,
    });
    // An attacker rotating through 100,000 addresses.
    for (let i = 0; i < 100_000; i++) limiter.charge(`address-${i}`);
    expect(limiter.size).toBe(1000);
    // The newest keys are the ones kept: each of them is still charged.
    expect(limiter.tokens('address-99999')).toBe(4);
    expect(limiter.tokens('address-99000')).toBe(4);
    // (An evicted key reads as a fresh, full bucket.)
    expect(limiter.tokens('address-0')).toBe(5);
    // Once they have refilled, the next sweep frees them all.
    time.advance(60_000);
    limiter.charge('someone');
    expect(limiter.size).toBe(1);
  });

  it('a key whose bucket was swept or evicted starts full, as if it were new', () => {
    const time = clock();
    const limiter = new RateLimiter({ burst: 2, perSecond: 1, maxKeys: 2, now: time.now });
    limiter.charge('a');
    limiter.charge('b');
    limiter.charge('c');
    expect(limiter.size).toBe(2);
    expect(limiter.tokens('a')).toBe(2);
    expect(limiter.tokens('c')).toBe(1);
  });
});

describe('client addresses', () => {
  it('takes the X-Forwarded-For entry the outermost trusted proxy wrote', () => {
    expect(forwardedAddress('203.0.113.9', 1)).toBe('203.0.113.9');
    expect(forwardedAddress('6.6.6.6, 203.0.113.9', 1)).toBe('203.0.113.9');
    expect(forwardedAddress('6.6.6.6, 203.0.113.9, 10.0.0.2', 2)).toBe('203.0.113.9');
    expect(forwardedAddress('203.0.113.9:4711', 1)).toBe('203.0.113.9');
    expect(forwardedAddress('[2001:db8::1]:443', 1)).toBe('2001:db8::1');
    expect(forwardedAddress('::ffff:203.0.113.9', 1)).toBe('203.0.113.9');
    // Too few entries or garbage: none (the socket address is used instead).
    expect(forwardedAddress('203.0.113.9', 2)).toBeNull();
    expect(forwardedAddress('not-an-address', 1)).toBeNull();
    expect(forwardedAddress('', 1)).toBeNull();
    expect(forwardedAddress('203.0.113.9', 0)).toBeNull();
  });

  it('normalises addresses and budgets IPv6 by /64', () => {
    expect(normaliseAddress('::FFFF:127.0.0.1')).toBe('127.0.0.1');
    expect(normaliseAddress('fe80::1%eth0')).toBe('fe80::1');
    expect(budgetKey('192.0.2.1')).toBe('192.0.2.1');
    expect(budgetKey('2001:db8:1:2:aaaa::1')).toBe('2001:0db8:0001:0002::/64');
    expect(budgetKey('2001:db8:1:2::ffff')).toBe(budgetKey('2001:db8:1:2:dead:beef:0:1'));
    expect(budgetKey('2001:db8:1:3::1')).not.toBe(budgetKey('2001:db8:1:2::1'));
    expect(budgetKey('::1')).toBe('0000:0000:0000:0000::/64');
  });
});
