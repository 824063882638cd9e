import { Args, Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Allow, Public } from '../../common/auth/allow.decorator.js';
import { Ctx } from '../../common/context/context.decorator.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { badInput } from '../../common/errors/app-error.js';
import type { EnumName } from '../../common/i18n/catalogue.en.js';
import { CATALOGUES } from '../../common/i18n/i18n.js';

@ObjectType({ description: "A value of one of the schema's enums with its label in the language asked for (Accept-Language)" })
export class EnumLabel {
  @Field({ description: 'The enum, e.g. CommitmentCategory' }) enum: string;
  @Field({ description: 'The value as the API writes it, e.g. AWARENESS_CAMPAIGN' }) value: string;
  @Field({ description: 'What a person reads, e.g. "Kampanye penyadaran"' }) label: string;
}

@Resolver()
export class LabelsResolver {
  @Query(() => [EnumLabel], {
    description:
      'The labels of enum values in the language of the request (Accept-Language: id or en; the default is configured). Every enum when `enums` is left out. Anyone may ask: labels are no secret',
  })
  @Allow(Public)
  enumLabels(@Ctx() ctx: RequestContext, @Args('enums', { type: () => [String], nullable: true }) enums?: string[]): EnumLabel[] {
    const catalogue = CATALOGUES[ctx.language].enums;
    const names = (enums ?? Object.keys(catalogue)) as EnumName[];
    names.forEach((name, i) => {
      if (!(name in catalogue)) throw badInput('UNKNOWN_ENUM', `enums.${i}`, { name: String(name).slice(0, 60) });
    });
    return names.flatMap((name) => Object.entries(catalogue[name]).map(([value, label]) => ({ enum: name, value, label })));
  }
}
