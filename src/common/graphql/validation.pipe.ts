import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { AppError, badInput, ErrorCode, type FieldProblem } from '../errors/app-error.js';

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
    const nul = pathOfNul(value, metadata.data ?? '');
    if (nul) throw badInput('INVALID_CHARACTER', nul, `${nul}: text may not contain the NUL character (U+0000)`);
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

/** The path of the first text holding a NUL character, which PostgreSQL text cannot store (SQLSTATE 22021). */
function pathOfNul(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'input' : null;
  if (!value || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    const found = pathOfNul(item, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return null;
}
