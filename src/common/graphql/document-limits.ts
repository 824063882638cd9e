import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isListType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { AppConfig } from '../../config/app-config.js';
import { AppError, ErrorCode } from '../errors/app-error.js';
import type { MessageKey } from '../i18n/catalogue.en.js';
import type { MessageParams } from '../i18n/i18n.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './connection.js';

/** A list field without a page size (an agreement's parties, a summary's groups) counts as this many items. */
export const LIST_COST_FACTOR = 10;

/** The error every refused document gets: the general code, the limit by name, a message that says what to do. */
export function limitError(key: MessageKey, params: MessageParams): GraphQLError {
  const error = new AppError(ErrorCode.GRAPHQL_VALIDATION_FAILED, key, params);
  return new GraphQLError(error.message, { originalError: error, extensions: { code: error.code, reason: error.reason, http: { status: 400 } } });
}

/** Reports an armor rule's rejection as our error, with our message (its own begins "Syntax Error:", which it is not). */
const rejectAs =
  (key: MessageKey, limit: number) =>
  (ctx: ValidationContext | null): void => {
    ctx?.reportError(limitError(key, { limit }));
  };

/**
 * Every document is bounded before it runs: tokens (while parsing), depth, aliases and directives (validation
 * rules), root fields and cost (once the variables are known). Field suggestions are masked when configured.
 */
export function documentLimits(limits: AppConfig['graphql']): {
  parseOptions: { maxTokens: number };
  validationRules: ValidationRule[];
  plugins: ApolloServerPlugin[];
} {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, flattenFragments: true, propagateOnRejection: false, onReject: [rejectAs('MAX_DEPTH', limits.maxDepth)] },
    maxAliases: { n: limits.maxAliases, propagateOnRejection: false, onReject: [rejectAs('MAX_ALIASES', limits.maxAliases)] },
    maxDirectives: { n: limits.maxDirectives, propagateOnRejection: false, onReject: [rejectAs('MAX_DIRECTIVES', limits.maxDirectives)] },
    blockFieldSuggestion: { enabled: !limits.suggestions },
    // Tokens are limited by the parser itself (parseOptions); cost is ours, because it multiplies by page size.
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
  }).protect();
  return {
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: armor.validationRules,
    // armor is typed against Apollo's CommonJS build, the app against its ES module build: the same plugin shape.
    plugins: [...(armor.plugins as unknown as ApolloServerPlugin[]), costPlugin(limits)],
  };
}

/** Refuses, before execution, an operation with too many root fields or a cost over the limit. */
function costPlugin(limits: AppConfig['graphql']): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const estimate = new CostEstimate(schema, document, request.variables ?? {});
          const roots = estimate.rootFields(operation);
          if (roots > limits.maxRootFields) {
            throw limitError('MAX_ROOT_FIELDS', { count: roots, limit: limits.maxRootFields });
          }
          const cost = estimate.operationCost(operation);
          if (cost > limits.maxCost) {
            throw limitError('MAX_COST', { cost, limit: limits.maxCost });
          }
        },
      };
    },
  };
}

/**
 * The cost of an operation: every field costs 1, times the number of items of every list above it (`first` of a
 * connection, or LIST_COST_FACTOR for a list without a page size). Cost is linear in the multiplier, so each
 * fragment is costed once and reused: a fragment fan-out costs what it would return, and takes no time to cost.
 */
class CostEstimate {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly fragmentCost = new Map<string, number>();

  constructor(
    private readonly schema: GraphQLSchema,
    document: DocumentNode,
    private readonly variables: Record<string, unknown>,
  ) {
    for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(d.name.value, d);
  }

  rootFields(operation: OperationDefinitionNode): number {
    const count = (set: SelectionSetNode): number =>
      set.selections.reduce((n, s) => {
        if (s.kind === Kind.FIELD) return n + (s.name.value.startsWith('__') ? 0 : 1);
        const inner = s.kind === Kind.INLINE_FRAGMENT ? s.selectionSet : this.fragments.get(s.name.value)?.selectionSet;
        return n + (inner ? count(inner) : 0);
      }, 0);
    return count(operation.selectionSet);
  }

  operationCost(operation: OperationDefinitionNode): number {
    const root = this.schema.getRootType(operation.operation);
    return root ? this.cost(operation.selectionSet, root, false) : 0;
  }

  private cost(set: SelectionSetNode, parent: GraphQLCompositeType, inConnection: boolean): number {
    let total = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FRAGMENT_SPREAD) {
        total += this.spreadCost(s.name.value, inConnection);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        const type = s.typeCondition ? (this.schema.getType(s.typeCondition.name.value) as GraphQLCompositeType) : parent;
        total += this.cost(s.selectionSet, type ?? parent, inConnection);
      } else {
        const field = !s.name.value.startsWith('__') && 'getFields' in parent ? parent.getFields()[s.name.value] : undefined;
        if (!field) continue;
        const pageArg = s.arguments?.find((a) => a.name.value === 'first');
        const isConnection = field.args.some((a) => a.name === 'first');
        const items = isConnection ? this.pageSize(pageArg?.value) : isListType(getNullableType(field.type)) && !inConnection ? LIST_COST_FACTOR : 1;
        const childType = getNamedType(field.type);
        const children = s.selectionSet && 'getFields' in childType ? this.cost(s.selectionSet, childType as GraphQLCompositeType, isConnection) : 0;
        total += 1 + items * children;
      }
    }
    return total;
  }

  private spreadCost(name: string, inConnection: boolean): number {
    const key = `${name}:${inConnection}`;
    const known = this.fragmentCost.get(key);
    if (known !== undefined) return known;
    const fragment = this.fragments.get(name);
    const type = fragment && (this.schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType | undefined);
    this.fragmentCost.set(key, 0); // a cycle (refused by validation anyway) adds nothing
    const cost = fragment && type ? this.cost(fragment.selectionSet, type, inConnection) : 0;
    this.fragmentCost.set(key, cost);
    return cost;
  }

  private pageSize(value: ValueNode | undefined): number {
    const raw = value?.kind === Kind.INT ? Number(value.value) : value?.kind === Kind.VARIABLE ? Number(this.variables[value.name.value]) : NaN;
    return Number.isFinite(raw) ? Math.min(Math.max(raw, 0), MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
  }
}
