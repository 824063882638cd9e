import { badInput } from '../errors/app-error.js';

const KEY = Symbol('mitra:partial-edit');

/**
 * Marks an input that changes only the fields it carries. A field left out keeps its value; `null` clears it,
 * which only the fields named here may be (the others would break their record), so for them `null` is refused.
 */
export const PartialEdit =
  (...clearable: string[]): ClassDecorator =>
  (target) => {
    Reflect.defineMetadata(KEY, new Set(clearable), target);
  };

/** Throws BAD_USER_INPUT for a `null` sent for a field of a partial edit that cannot be cleared. */
export function assertClearable(metatype: unknown, value: unknown, path: string): void {
  const clearable = metatype ? (Reflect.getMetadata(KEY, metatype as object) as Set<string> | undefined) : undefined;
  if (!clearable || !value || typeof value !== 'object') return;
  for (const [field, v] of Object.entries(value)) {
    if (v === null && !clearable.has(field)) {
      const at = path ? `${path}.${field}` : field;
      throw badInput('NULL_NOT_ALLOWED', at);
    }
  }
}
