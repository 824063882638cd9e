import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD, between 1900 and 2999 (2023-02-30 is not one, nor 0000-01-01). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DAY.test(value) || value < '1900' || value > '2999-12-31') return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function parse(value: unknown): string {
  if (!isCalendarDate(value)) {
    throw new GraphQLError(`Date must be a calendar day written YYYY-MM-DD (1900–2999), got ${JSON.stringify(value).slice(0, 40)}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

/** A calendar day (no time, no zone), e.g. the signing date of an MoU: "2023-03-20". */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar day, YYYY-MM-DD',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)),
  parseValue: parse,
  parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : undefined),
});
