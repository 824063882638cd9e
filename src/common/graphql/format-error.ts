import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../errors/app-error.js';

/** A variable the client sent that does not fit its declared type: the client's mistake, not ours. */
const VARIABLE_COERCION = /^Variable "\$[^"]+" (got invalid value|of required type|of non-null type)/;
const TOO_MANY_TOKENS = /Document contains more th(?:an|at) (\d+) tokens/; // graphql 16 writes "more that"

/**
 * Last line of defence before an error leaves the process: every error carries a code, and nothing
 * internal (stack, SQL, driver text) is shown for INTERNAL_SERVER_ERROR.
 */
export function formatError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const { stacktrace: _stack, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
  let code = typeof extensions.code === 'string' ? extensions.code : ErrorCode.INTERNAL_SERVER_ERROR;
  const tokens = TOO_MANY_TOKENS.exec(formatted.message);
  if (tokens) {
    return {
      message: `The document has more than ${tokens[1]} tokens; at most ${tokens[1]} are allowed. Ask for less in one document.`,
      extensions: { code: 'GRAPHQL_PARSE_FAILED', reason: 'MAX_TOKENS' },
    };
  }
  if (/Maximum call stack size exceeded/.test(formatted.message)) {
    return { message: 'The document is nested too deeply.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', reason: 'MAX_DEPTH' } };
  }
  if (VARIABLE_COERCION.test(formatted.message)) code = ErrorCode.BAD_USER_INPUT;
  if (/not configured to execute subscription/.test(formatted.message)) {
    return { message: 'This service has no subscriptions; send a query or a mutation', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', reason: 'NO_SUBSCRIPTIONS' } };
  }
  if (code === ErrorCode.INTERNAL_SERVER_ERROR) {
    return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  return { ...formatted, extensions: { ...extensions, code } };
}
