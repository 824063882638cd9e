import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../errors/app-error.js';

/**
 * Last line of defence before an error leaves the process: every error carries a code, and nothing
 * internal (stack, SQL, driver text) is shown for INTERNAL_SERVER_ERROR.
 */
export function formatError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const { stacktrace: _stack, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
  const code = typeof extensions.code === 'string' ? extensions.code : ErrorCode.INTERNAL_SERVER_ERROR;
  if (code === ErrorCode.INTERNAL_SERVER_ERROR) {
    return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  return { ...formatted, extensions: { ...extensions, code } };
}
