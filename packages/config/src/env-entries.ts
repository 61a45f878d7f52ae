import type { z } from 'zod';

/** One environment variable a process reads, as its config schema describes it. */
export interface EnvEntry {
  name: string;
  description: string;
  /** What the process uses when the variable is unset, as it would be written; absent if none. */
  fallback?: string;
  /** Unset, the process refuses to start. */
  required: boolean;
}

/** A zod type's definition, as far as finding its default needs. */
interface Definition {
  type: string;
  defaultValue?: unknown;
  in?: z.ZodType;
  innerType?: z.ZodType;
}

const definitionOf = (type: z.ZodType) =>
  (type as unknown as { _zod: { def: Definition } })._zod.def;

/** The default of a setting, looking through its transforms and optional wrappers. */
function defaultOf(type: z.ZodType): unknown {
  const definition = definitionOf(type);
  if (definition.type === 'default') return definition.defaultValue;
  const inner = definition.in ?? definition.innerType;
  return inner ? defaultOf(inner) : undefined;
}

/** A setting's description: its own, or (for `.default()` on a described type) its inner type's. */
function descriptionOf(type: z.ZodType): string {
  if (type.description) return type.description;
  const definition = definitionOf(type);
  const inner = definition.in ?? definition.innerType;
  return inner ? descriptionOf(inner) : '';
}

/** The variables of a process's config schema (a zod object of settings), in schema order. */
export function envEntries(schema: z.ZodObject): EnvEntry[] {
  return Object.entries(schema.shape).map(([name, type]) => {
    const setting = type as z.ZodType;
    const fallback = defaultOf(setting);
    return {
      name,
      description: descriptionOf(setting),
      ...(fallback === undefined ? {} : { fallback: String(fallback) }),
      required: !setting.safeParse(undefined).success,
    };
  });
}
