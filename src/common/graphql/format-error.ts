import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyRequest } from 'fastify';
import { Logger } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { AppConfig } from '../../config/app-config.js';
import { AppError, ErrorCode } from '../errors/app-error.js';
import { languageOf, message, type Language } from '../i18n/i18n.js';

/** A variable the client sent that does not fit its declared type: the client's mistake, not ours. */
const VARIABLE_COERCION = /^Variable "\$[^"]+" (got invalid value|of required type|of non-null type)/;
const TOO_MANY_TOKENS = /Document contains more th(?:an|at) (\d+) tokens/; // graphql 16 writes "more that"

/** The language of the request each error arose in; Apollo formats errors without the request at hand. */
const languages = new WeakMap<object, Language>();

/** Notes, for every error a request meets, the language its client reads. */
export function errorLanguagePlugin(defaultLanguage: Language): ApolloServerPlugin<{ req: FastifyRequest }> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didEncounterErrors({ errors }) {
          // Read only when something went wrong: a request without errors does not pay for it.
          const language = languageOf(contextValue.req, defaultLanguage);
          for (const error of errors) languages.set(error, language);
        },
      };
    },
  };
}

const logger = new Logger('Errors');

/** An error and the errors it wraps (`originalError`), outermost first. */
function wrapped(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = error; e && chain.length < 5; e = (e as { originalError?: unknown }).originalError) chain.push(e);
  return chain;
}

/**
 * Last line of defence before an error leaves the process: every error carries a code, its message is in the
 * client's language (`reason` and `code` never change with it), and nothing internal (stack, SQL, driver text)
 * is shown for INTERNAL_SERVER_ERROR. GraphQL's own complaints about a document's shape stay in its English.
 */
export function errorFormatter(config: AppConfig) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const language: Language = (error !== null && typeof error === 'object' ? languages.get(error) : undefined) ?? config.defaultLanguage;
    const { stacktrace: _stack, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    const chain = wrapped(error);
    // The AppError behind a GraphQL error, however many times it was wrapped on its way out.
    const known = chain.find((e): e is AppError => e instanceof AppError);
    if (known) {
      const localised = known.inLanguage(language);
      return { ...formatted, message: localised.message, extensions: { ...extensions, ...localised.extensions } };
    }
    const tokens = TOO_MANY_TOKENS.exec(formatted.message);
    if (tokens) return documentError(language, ErrorCode.GRAPHQL_PARSE_FAILED, 'MAX_TOKENS', Number(tokens[1]));
    if (/Maximum call stack size exceeded/.test(formatted.message)) {
      return documentError(language, ErrorCode.GRAPHQL_VALIDATION_FAILED, 'MAX_DEPTH', config.graphql.maxDepth);
    }
    if (/not configured to execute subscription/.test(formatted.message)) {
      return documentError(language, ErrorCode.GRAPHQL_VALIDATION_FAILED, 'NO_SUBSCRIPTIONS');
    }
    let code = typeof extensions.code === 'string' ? extensions.code : ErrorCode.INTERNAL_SERVER_ERROR;
    if (VARIABLE_COERCION.test(formatted.message)) code = ErrorCode.BAD_USER_INPUT;
    if (code === ErrorCode.INTERNAL_SERVER_ERROR) {
      // Failures of a field without a resolver of ours never passed the error filter: log them here (masked for the client).
      const cause = chain.at(-1);
      if (cause instanceof Error && !(cause instanceof GraphQLError)) logger.error(cause.stack ?? cause.message);
      return { message: message(language, 'INTERNAL_SERVER_ERROR'), locations: formatted.locations, path: formatted.path, extensions: { code } };
    }
    return { ...formatted, extensions: { ...extensions, code } };
  };
}

const documentError = (language: Language, code: ErrorCode, reason: 'MAX_TOKENS' | 'MAX_DEPTH' | 'NO_SUBSCRIPTIONS', limit = 0) => ({
  message: message(language, reason, { limit }),
  extensions: { code, reason },
});
