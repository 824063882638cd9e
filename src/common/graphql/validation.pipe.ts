import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { AppError, badInput, ErrorCode, type FieldComplaint } from '../errors/app-error.js';
import { CATALOGUES, validationMessage, type Language } from '../i18n/i18n.js';
import type { ValidationKey } from '../i18n/catalogue.en.js';
import { assertClearable } from '../validation/partial-edit.js';

const isValidationKey = (key: string): key is ValidationKey => key in CATALOGUES.en.validation;

/**
 * One rule's complaint in a language. A rule given a catalogue key as its message (`{ message: 'placeCodeFormat' }`)
 * says that; a built-in rule is said by its name, with the number or the choices class-validator's own English
 * message carries (the only place it gives them).
 */
function complaint(language: Language, field: string, rule: string, english: string): string {
  if (isValidationKey(english)) return validationMessage(language, english, { field });
  const rest = english.replace(/^.*? must /, ''); // after the property's name, which may hold digits (sha256)
  const n = /(-?\d+(?:\.\d+)?)/.exec(rest)?.[1] ?? '';
  const values = english.split(': ')[1] ?? '';
  const key = rule === 'isLength' ? (/longer/.test(english) ? 'length.short' : 'length.long') : rule;
  return validationMessage(language, isValidationKey(key) ? key : 'unknown', { field, n, values });
}

function flatten(errors: ValidationError[], prefix: string): FieldComplaint[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const rules = Object.entries(e.constraints ?? {});
    const own = rules.length ? [{ path, messages: (language: Language) => rules.map(([rule, english]) => complaint(language, path, rule, english)) }] : [];
    return own.concat(flatten(e.children ?? [], path));
  });
}

const CLIENT_INPUT = new Set<string>(['args', 'body', 'query', 'param']);

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
    // Only what the client sent (GraphQL arguments, an HTTP route's query and parameters): not a field's parent
    // record, which would otherwise be copied into a new instance and checked for every field of every row, nor the
    // request context that custom parameter decorators hand in.
    if (!CLIENT_INPUT.has(metadata.type)) return value;
    const bad = pathOfUnstorable(value, metadata.data ?? '');
    if (bad) throw badInput('INVALID_CHARACTER', bad);
    assertClearable(metadata.metatype, value, metadata.data ?? '');
    try {
      return await super.transform(value, metadata);
    } catch (err) {
      if (!(err instanceof InvalidInput)) throw err;
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'INVALID_INPUT', {}, {}, flatten(err.errors, metadata.data ?? ''));
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
