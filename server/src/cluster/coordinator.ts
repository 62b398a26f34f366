import crypto from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * Runs commands that check and then change shared state (a vote's dot budget, a market
 * square's hosts) one at a time per key: on this server, and with Redis across servers.
 */
export interface Coordinator {
  /** True when other servers share the documents (then callers read them fresh). */
  readonly clustered: boolean;
  exclusive<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

/** One at a time per key within this process. */
export class LocalCoordinator implements Coordinator {
  readonly clustered: boolean = false;
  private readonly tails = new Map<string, Promise<unknown>>();

  exclusive<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const tail = run.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return run;
  }
}

/** Deletes the lock only if it is still ours (it may have expired and been taken). */
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** A held lock expires after this long (a server that dies holding it blocks no one longer). */
const LEASE_MS = 10_000;
/** Give up waiting for a lock after this long. */
const WAIT_MS = 10_000;

export class LockTimeout extends Error {}

/**
 * One at a time per key across every server: a Redis lease (`SET NX PX`, released only by its
 * holder), taken after the local queue so a server asks for it once per key at a time.
 */
export class RedisCoordinator extends LocalCoordinator {
  override readonly clustered = true;

  constructor(private readonly redis: Redis) {
    super();
  }

  override exclusive<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return super.exclusive(key, async () => {
      const lockKey = `torg:lock:${key}`;
      const token = crypto.randomBytes(9).toString('base64url');
      const deadline = Date.now() + WAIT_MS;
      let wait = 2;
      while ((await this.redis.set(lockKey, token, 'PX', LEASE_MS, 'NX')) !== 'OK') {
        if (Date.now() > deadline)
          throw new LockTimeout(`lock ${key} not free after ${WAIT_MS} ms`);
        await new Promise((r) => setTimeout(r, wait));
        wait = Math.min(wait * 2, 50);
      }
      try {
        return await fn();
      } finally {
        await this.redis.eval(RELEASE, 1, lockKey, token).catch(() => undefined);
      }
    });
  }
}
