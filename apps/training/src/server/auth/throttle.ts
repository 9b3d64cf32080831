import type { Db } from "../db/client";
import { clearAttempts, deleteEndedWindows, releaseAttempt, reserveAttempt } from "../db/sign-in-throttle";
import { timeLeft } from "../../shared/text";
import { TooManyAttempts } from "../errors";

export { timeLeft };

/** A sign-in refused by the throttle: try again after this many milliseconds. */
function throttled(retryAfterMs: number): TooManyAttempts {
  return new TooManyAttempts(
    "rate-limited",
    "Too many attempts",
    `Too many failed sign-ins. Try again in ${timeLeft(retryAfterMs)}.`,
    retryAfterMs,
  );
}

/** Who is signing in, as the throttle counts them. */
export interface SignInAttempt {
  /** The client's address. */
  address: string;
  /** The account the identifier resolved to, or `null` when it matched none. */
  accountId: string | null;
  /** The identifier as typed, lower-cased (counts guesses at accounts that do not exist). */
  identifier: string;
}

/** What a reservation holds, to settle once the password has been checked. */
export interface Reservation {
  accountKey: string;
  addressKey: string;
}

const CLEANUP_EVERY_MS = 60_000;

/** Deletes ended windows at most once a minute, so made-up keys cannot grow the shared table without bound. */
class EndedWindowSweep {
  private last = 0;

  constructor(private readonly db: Db) {}

  async run(now: Date): Promise<void> {
    if (now.getTime() - this.last <= CLEANUP_EVERY_MS) return;
    this.last = now.getTime();
    await deleteEndedWindows(this.db, now);
  }
}

/**
 * Failed sign-ins per account and address, plus a ten-times-higher ceiling per address, kept in the database
 * so every app instance shares them.
 *
 * Each attempt is **reserved before the password is checked** (an atomic increment per key) and given back
 * if it succeeds, so a burst of concurrent guesses gets at most `maxFailures` password checks, however fast
 * they arrive. The account key is the account the identifier resolved to, so its email address and collar
 * number share one count. Only failures stay counted: a person signing in on several devices is never
 * locked out, and a whole police station signing in from one NAT address at a shift change cannot reach the
 * address ceiling by succeeding.
 */
export class SignInThrottle {
  private readonly sweep: EndedWindowSweep;

  constructor(
    private readonly db: Db,
    private readonly maxFailures: number,
    private readonly windowMs: number,
  ) {
    this.sweep = new EndedWindowSweep(db);
  }

  /** Reserves an attempt, or throws {@link TooManyAttempts} when the account or address has no tries left. */
  async reserve(attempt: SignInAttempt, now: Date): Promise<Reservation> {
    await this.sweep.run(now);
    const who = attempt.accountId === null ? `identifier:${attempt.identifier}` : `account:${attempt.accountId}`;
    const reservation = { accountKey: `${who}|${attempt.address}`, addressKey: `address:${attempt.address}` };
    const account = await reserveAttempt(this.db, reservation.accountKey, now, this.windowMs);
    if (account.failures > this.maxFailures) {
      throw throttled(account.windowEndsAt.getTime() - now.getTime());
    }
    const address = await reserveAttempt(this.db, reservation.addressKey, now, this.windowMs);
    if (address.failures > this.maxFailures * 10) {
      await releaseAttempt(this.db, reservation.accountKey);
      throw throttled(address.windowEndsAt.getTime() - now.getTime());
    }
    return reservation;
  }

  /** The password was right: clear the account's failures and give the address its try back. */
  async succeeded(reservation: Reservation): Promise<void> {
    await clearAttempts(this.db, reservation.accountKey);
    await releaseAttempt(this.db, reservation.addressKey);
  }
}

/**
 * At most `max` requests per address in each window, for what anyone may ask without signing in (certificate
 * checks, single sign-on starts and callbacks).
 * It shares the sign-in throttle's table and atomic reservation, so every app instance counts together; a
 * request is never given back, because here every lookup counts, found or not.
 */
export class AddressRateLimit {
  private readonly sweep: EndedWindowSweep;

  constructor(
    private readonly db: Db,
    /** Keeps these counts apart from the sign-in throttle's in the shared table. */
    private readonly purpose: string,
    private readonly max: number,
    private readonly windowMs: number,
    /** What is counted, as the refusal says it: "Too many {what} from your network." */
    private readonly what = "checks",
  ) {
    this.sweep = new EndedWindowSweep(db);
  }

  /** Counts one request from `address`, or throws {@link TooManyAttempts} when it has used its window up. */
  async take(address: string, now: Date): Promise<void> {
    await this.sweep.run(now);
    const count = await reserveAttempt(this.db, `${this.purpose}:${address}`, now, this.windowMs);
    if (count.failures > this.max) {
      const retryAfterMs = count.windowEndsAt.getTime() - now.getTime();
      throw new TooManyAttempts(
        "rate-limited",
        "Too many requests",
        `Too many ${this.what} from your network. Try again in ${timeLeft(retryAfterMs)}.`,
        retryAfterMs,
      );
    }
  }
}
