import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { DateScalar } from './date.scalar.js';
import { documentLimits } from './document-limits.js';
import { errorFormatter, errorLanguagePlugin } from './format-error.js';

@Module({
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const limits = documentLimits(config.graphql);
        return {
        ...limits,
        // No cache hints are given: Apollo's cache-control plugin would only add work to every field.
        plugins: [...limits.plugins, errorLanguagePlugin(config.defaultLanguage), ApolloServerPluginCacheControlDisabled()],
        path: '/graphql',
        // The schema is built in memory; `npm run schema` writes schema.graphql and a test keeps it fresh.
        autoSchemaFile: true,
        sortSchema: true,
        resolvers: { Date: DateScalar },
        buildSchemaOptions: { dateScalarMode: 'isoDate' },
        includeStacktraceInErrorResponses: false,
        // schema.graphql is published for code generation; production answers introspection only when asked to.
        introspection: config.graphql.introspection,
        playground: false,
        csrfPrevention: true,
        formatError: errorFormatter(config),
        context: (req: FastifyRequest, res: FastifyReply) => ({ req, res }),
        // A GraphQL client on a slow phone link benefits from the persisted-query cache being on.
        persistedQueries: config.env === 'test' ? false : undefined,
        };
      },
    }),
  ],
})
export class AppGraphQLModule {}
