import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { AppError, badInput, ErrorCode, type FieldProblem } from '../errors/app-error.js';
import { assertClearable } from '../validation/partial-edit.js';

function flatten(errors: ValidationError[], prefix: string): FieldProblem[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ path, messages: Object.values(e.constraints) }] : [];
    return own.concat(flatten(e.children ?? [], path));
  });
}

/** class-validator failures become BAD_USER_INPUT naming each offending field by its path (`input.contacts.0.email`). */
export class InputValidationPipe extends ValidationPipe {
  constructor() {
    super({
      transform: true,
      whitelist: true,
      forbidUnknownValues: false,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new InvalidInput(errors),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Only what the client sent: not the request context that custom parameter decorators hand in.
    const bad = metadata.type === 'custom' ? null : pathOfUnstorable(value, metadata.data ?? '');
    if (bad) throw badInput('INVALID_CHARACTER', bad, `${bad}: text must be valid Unicode without the NUL character (U+0000)`);
    assertClearable(metadata.metatype, value, metadata.data ?? '');
    try {
      return await super.transform(value, metadata);
    } catch (err) {
      if (!(err instanceof InvalidInput)) throw err;
      const fields = flatten(err.errors, metadata.data ?? '');
      const summary = fields.map((f) => `${f.path}: ${f.messages.join(', ')}`).join('; ');
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'INVALID_INPUT', `Invalid input: ${summary}`, { fields });
    }
  }
}

class InvalidInput extends Error {
  constructor(readonly errors: ValidationError[]) {
    super('invalid input');
  }
}

/** NUL, which PostgreSQL text cannot store (SQLSTATE 22021), or half of a surrogate pair, which is no character at all. */
// eslint-disable-next-line no-control-regex -- the NUL character is exactly what this refuses
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The path of the first text the database could not store or the history could not hash. */
function pathOfUnstorable(value: unknown, path: string, seen = new WeakSet<object>()): string | null {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path || 'input' : null;
  if (!value || typeof value !== 'object' || seen.has(value)) return null;
  seen.add(value);
  for (const [key, item] of Object.entries(value)) {
    const found = pathOfUnstorable(item, path ? `${path}.${key}` : key, seen);
    if (found) return found;
  }
  return null;
}
