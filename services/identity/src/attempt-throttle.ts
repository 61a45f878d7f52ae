import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import { AppError } from '@portico/errors';
import type { SignInAttemptRecord } from './model/sign-in-attempt';

export interface ThrottleOptions {
  /** Prefix of the attempt keys, so limits of different actions stay apart. */
  keyPrefix: string;
  /** Attempts allowed within the window before backoff starts. */
  free: { account: number; ip: number };
  /**
   * Attempts on an account from unknown devices within `windowMs`; past it each is refused
   * (without a look at the password) until the window has room again.
   */
  cap?: { attempts: number; windowMs: number };
  /** Names the action in the RATE_LIMITED message. */
  what: string;
}

/**
 * Sign-in: on an account, from devices that never signed in to it, five attempts, then growing
 * delays and at most ten an hour; a known device is counted on its own (see DeviceTokens), so
 * nobody locks the owner out by failing on purpose.
 */
const SIGN_IN: ThrottleOptions = {
  keyPrefix: '',
  free: { account: 5, ip: 50 },
  cap: { attempts: 10, windowMs: 60 * 60_000 },
  what: 'sign-in attempts',
};
/** Reset emails: a person needs one or two; more is someone flooding a mailbox. */
export const RESET_REQUESTS: ThrottleOptions = {
  keyPrefix: 'reset:',
  free: { account: 3, ip: 20 },
  what: 'password reset requests',
};
/** Registrations: an organization a person, a few a consultant; a flood from one address waits. */
export const signupLimits = (perAddress: number): ThrottleOptions => ({
  keyPrefix: 'signup:',
  free: { account: 3, ip: perAddress },
  what: 'sign-ups',
});
/** Attempts older than this are forgotten by the backoff. */
const WINDOW_MS = 15 * 60_000;
const MAX_BACKOFF_MS = 15 * 60_000;

/** 1 s after the first attempt over budget, then doubling, at most 15 minutes. */
export function backoffMs(overBudget: number): number {
  return Math.min(1000 * 2 ** (overBudget - 1), MAX_BACKOFF_MS);
}

/** What a counted attempt recorded, so a success can take it back. */
export interface AttemptReceipt {
  accountKey: string;
  ipAttemptId: string | null;
}

/**
 * Limits sign-in attempts (or, with RESET_REQUESTS, reset requests) per
 * account and per client address. Each attempt
 * is recorded before the password is checked, so attempts sent side by side
 * (parallel requests, batches) are all counted: the k-th of them sees at least
 * k. Unknown accounts are limited like known ones, so the limit reveals
 * nothing about which exist.
 */
export class AttemptThrottle {
  constructor(
    private readonly attempts: Model<SignInAttemptRecord>,
    private readonly options: ThrottleOptions = SIGN_IN,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Records an attempt; RATE_LIMITED when the account or address must wait. `device` is a
   * device known to this account (DeviceTokens): its attempts are counted apart.
   */
  async attempt(
    email: string,
    ip: string | null,
    device: string | null = null,
  ): Promise<AttemptReceipt> {
    const { keyPrefix, free, cap } = this.options;
    const accountKey = device
      ? `${keyPrefix}device:${device}:${email}`
      : `${keyPrefix}account:${email}`;
    const account = await this.record(accountKey, free.account, device ? undefined : cap);
    const address = ip ? await this.record(`${keyPrefix}ip:${ip}`, free.ip) : null;
    const waitMs = Math.max(account.waitMs, address?.waitMs ?? 0);
    if (waitMs > 0) {
      throw new AppError(
        'RATE_LIMITED',
        `Too many ${this.options.what}; try again in ${Math.ceil(waitMs / 1000)} s`,
      );
    }
    return { accountKey, ipAttemptId: address?.id ?? null };
  }

  /** A successful sign-in: the account (or device) starts afresh, the address gets this attempt back. */
  async succeeded(receipt: AttemptReceipt): Promise<void> {
    await this.attempts.deleteMany({ key: receipt.accountKey });
    if (receipt.ipAttemptId) await this.attempts.deleteOne({ _id: receipt.ipAttemptId });
  }

  private async record(
    key: string,
    free: number,
    cap?: ThrottleOptions['cap'],
  ): Promise<{ id: string; waitMs: number }> {
    const now = this.now();
    const since = (ms: number) => new Date(now.getTime() - ms);
    const keptFrom = since(Math.max(WINDOW_MS, cap?.windowMs ?? 0));
    const id = randomUUID();
    await this.attempts.create({ _id: id, key, at: now });
    await this.attempts.deleteMany({ key, at: { $lt: keptFrom } });
    const kept = await this.attempts
      .find({ key, at: { $gte: keptFrom } }, { at: 1 })
      .sort({ at: -1 })
      .lean()
      .exec();
    const earlier = kept.filter((attempt) => attempt._id !== id);
    // At the cap: wait until the attempt that filled it leaves the cap's window.
    const inCapWindow = cap ? earlier.filter((attempt) => attempt.at >= since(cap.windowMs)) : [];
    if (cap && inCapWindow.length >= cap.attempts) {
      const waitUntil = inCapWindow[cap.attempts - 1]!.at.getTime() + cap.windowMs;
      return { id, waitMs: Math.max(1, waitUntil - now.getTime()) };
    }
    const recent = kept.filter((attempt) => attempt.at >= since(WINDOW_MS));
    const overBudget = recent.length - free;
    if (overBudget <= 0) return { id, waitMs: 0 };
    const waitUntil = (earlier[0]?.at.getTime() ?? now.getTime()) + backoffMs(overBudget);
    return { id, waitMs: Math.max(0, waitUntil - now.getTime()) };
  }
}
