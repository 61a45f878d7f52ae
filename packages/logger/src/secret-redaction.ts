/**
 * Where secrets sit in what we log, as key paths matched at any depth: `password` blanks every
 * key of that name, `variables.code` only a `code` inside `variables` (an SMS code), so an
 * error's `code` (ECONNREFUSED) stays readable.
 */
export const SECRET_PATHS = [
  'password',
  'newPassword',
  'currentPassword',
  'ownerPassword',
  'token',
  'refreshToken',
  'accessToken',
  'secret',
  'authorization',
  'cookie',
  'set-cookie',
  'x-gateway-secret',
  'variables.code',
  'args.code',
];

export const CENSOR = '[redacted]';
const MAX_DEPTH = 8;

const bySuffix = SECRET_PATHS.map((path) => path.split('.').reverse());

function isSecret(keys: string[]): boolean {
  return bySuffix.some((suffix) =>
    suffix.every((key, index) => keys[keys.length - 1 - index] === key),
  );
}

/**
 * A copy of `value` with every secret replaced by CENSOR; parts without secrets are the same
 * objects (nothing is copied or changed when there is nothing to hide).
 */
export function redactSecrets<T>(value: T, keys: string[] = []): T {
  if (value === null || typeof value !== 'object' || keys.length >= MAX_DEPTH) return value;
  let copy: Record<string, unknown> | unknown[] | undefined;
  for (const [key, child] of Object.entries(value)) {
    const path = [...keys, key];
    const redacted = isSecret(path) && child != null ? CENSOR : redactSecrets(child, path);
    if (redacted === child) continue;
    copy ??= Array.isArray(value) ? [...(value as unknown[])] : copyOf(value);
    (copy as Record<string, unknown>)[key] = redacted;
  }
  return (copy ?? value) as T;
}

/** An object's copy that keeps what a log line shows of it (an error's class, message and stack). */
function copyOf(value: object): Record<string, unknown> {
  if (value instanceof Error)
    return Object.assign(Object.create(Object.getPrototypeOf(value) as object) as object, value, {
      message: value.message,
      stack: value.stack,
    }) as Record<string, unknown>;
  return { ...value };
}
