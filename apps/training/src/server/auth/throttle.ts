/**
 * Counts failed sign-ins per account and address. Only failures count, so a person signing in on several
 * devices is never locked out, while guessing one account's password from one address stops after
 * `maxFailures` tries until the window ends. A success clears the count.
 *
 * In memory: one process is one app instance. Several instances behind a load balancer each keep their
 * own count, which multiplies the allowance by the instance count (documented in the README).
 */
export class SignInThrottle {
  private readonly failures = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds until this key may try again, or 0 when it may try now. */
  retryAfter(key: string, now: number): number {
    const entry = this.failures.get(key);
    if (!entry || entry.resetAt <= now) return 0;
    return entry.count >= this.maxFailures ? entry.resetAt - now : 0;
  }

  /** Records a failed attempt. */
  fail(key: string, now: number): void {
    const entry = this.failures.get(key);
    if (!entry || entry.resetAt <= now) this.failures.set(key, { count: 1, resetAt: now + this.windowMs });
    else entry.count += 1;
    // Bound memory under a spray of made-up identifiers: drop windows that have ended.
    if (this.failures.size > 10_000) {
      for (const [candidate, value] of this.failures) if (value.resetAt <= now) this.failures.delete(candidate);
    }
  }

  /** Clears the count after a successful sign-in. */
  succeed(key: string): void {
    this.failures.delete(key);
  }
}
