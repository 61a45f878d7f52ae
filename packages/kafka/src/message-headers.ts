import type { IHeaders } from 'kafkajs';

/** A header's first value as a string; undefined when the message has none. */
export function headerString(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/** Every header with a value, each as its first value's string. */
export function stringHeaders(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.keys(headers ?? {}).flatMap((name) => {
      const value = headerString(headers, name);
      return value === undefined ? [] : [[name, value]];
    }),
  );
}
