import Negotiator from 'negotiator';
import type { IncomingHttpHeaders } from 'node:http';
import { en, type Catalogue, type ColumnKey, type EnumName, type MessageKey, type ValidationKey } from './catalogue.en.js';
import { id } from './catalogue.id.js';

export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CATALOGUES: Record<Language, Catalogue> = { id, en };

const LOCALES: Record<Language, string> = { id: 'id-ID', en: 'en-US' };

/** A value put into a message: numbers are written the language's way, a list of numbers joined by " + ". */
export type MessageParams = Record<string, string | number | readonly number[]>;

function formatParam(language: Language, value: MessageParams[string] | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return value.toLocaleString(LOCALES[language]);
  if (typeof value === 'string') return value;
  return value.map((n) => n.toLocaleString(LOCALES[language])).join(' + ');
}

const fill = (language: Language, template: string, params: MessageParams) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => formatParam(language, params[name]));

/** An error's message in a language, from its catalogue key (the reason, or `REASON.variant`) and its values. */
export const message = (language: Language, key: MessageKey, params: MessageParams = {}): string =>
  fill(language, CATALOGUES[language].errors[key], params);

/** One input rule's complaint about a field. */
export const validationMessage = (language: Language, key: ValidationKey, params: MessageParams): string =>
  fill(language, CATALOGUES[language].validation[key], params);

/** The label of an enum value (the value itself for one the catalogue does not know, which a test rules out). */
export function enumLabel(language: Language, enumName: EnumName, value: string): string {
  return (CATALOGUES[language].enums[enumName] as Record<string, string>)[value] ?? value;
}

export const columnHeader = (language: Language, key: ColumnKey): string => CATALOGUES[language].columns[key];

export const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);

/**
 * The language a request asks for by `Accept-Language` (quality values honoured, `id-ID` counts as `id`), or the
 * configured default when it names none of ours or names none at all.
 */
export function languageOf(req: { headers: IncomingHttpHeaders }, fallback: Language): Language {
  if (!req.headers['accept-language']) return fallback;
  const chosen = new Negotiator(req).language([...LANGUAGES]);
  return isLanguage(chosen) ? chosen : fallback;
}
