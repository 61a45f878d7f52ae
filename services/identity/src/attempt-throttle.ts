import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import { AppError } from '@portico/errors';
import type { SignInAttemptRecord } from './model/sign-in-attempt';

export interface ThrottleOptions {
  /** Prefix of the attempt keys, so limits of different actions stay apart. */
  keyPrefix: string;
  /** Attempts allowed within the window before backoff starts. */
  free: { account: number; ip: number };
  /** Names the action in the RATE_LIMITED message. */
  what: string;
}

const SIGN_IN: ThrottleOptions = {
  keyPrefix: '',
  free: { account: 5, ip: 50 },
  what: 'sign-in attempts',
};
/** Reset emails: a person needs one or two; more is someone flooding a mailbox. */
export const RESET_REQUESTS: ThrottleOptions = {
  keyPrefix: 'reset:',
  free: { account: 3, ip: 20 },
  what: 'password reset requests',
};
/** Attempts older than this are forgotten. */
const WINDOW_MS = 15 * 60_000;
const MAX_BACKOFF_MS = 15 * 60_000;

/** 1 s after the first attempt over budget, then doubling, at most 15 minutes. */
export function backoffMs(overBudget: number): number {
  return Math.min(1000 * 2 ** (overBudget - 1), MAX_BACKOFF_MS);
}

/** What a counted attempt recorded, so a success can take it back. */
export interface AttemptReceipt {
  email: string;
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
  ) {}

  /** Records an attempt; RATE_LIMITED when the account or address must wait. */
  async attempt(email: string, ip: string | null): Promise<AttemptReceipt> {
    const { keyPrefix, free } = this.options;
    const account = await this.record(`${keyPrefix}account:${email}`, free.account);
    const address = ip ? await this.record(`${keyPrefix}ip:${ip}`, free.ip) : null;
    const waitMs = Math.max(account.waitMs, address?.waitMs ?? 0);
    if (waitMs > 0) {
      throw new AppError(
        'RATE_LIMITED',
        `Too many ${this.options.what}; try again in ${Math.ceil(waitMs / 1000)} s`,
      );
    }
    return { email, ipAttemptId: address?.id ?? null };
  }

  /** A successful sign-in: the account starts afresh, the address gets this attempt back. */
  async succeeded(receipt: AttemptReceipt): Promise<void> {
    await this.attempts.deleteMany({ key: `${this.options.keyPrefix}account:${receipt.email}` });
    if (receipt.ipAttemptId) await this.attempts.deleteOne({ _id: receipt.ipAttemptId });
  }

  private async record(key: string, free: number): Promise<{ id: string; waitMs: number }> {
    const now = new Date();
    const windowStart = new Date(now.getTime() - WINDOW_MS);
    const id = randomUUID();
    await this.attempts.create({ _id: id, key, at: now });
    await this.attempts.deleteMany({ key, at: { $lt: windowStart } });
    const recent = await this.attempts
      .find({ key, at: { $gte: windowStart } }, { at: 1 })
      .sort({ at: -1 })
      .lean()
      .exec();
    const overBudget = recent.length - free;
    if (overBudget <= 0) return { id, waitMs: 0 };
    const previous = recent.find((attempt) => attempt._id !== id);
    const waitUntil = (previous?.at.getTime() ?? now.getTime()) + backoffMs(overBudget);
    return { id, waitMs: Math.max(0, waitUntil - now.getTime()) };
  }
}
