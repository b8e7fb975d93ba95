import { formatNumberAsCode, pluralCategory } from './rules.js';

/**
 * Typed string tables. A message is plain text with `{name}` placeholders, or a
 * set of plural forms chosen by the locale's plural rules from the `count` parameter
 * (Welsh has zero, one, two, few, many and other): en-GB's and cy's as code (see
 * rules.ts), any other locale's through `Intl.PluralRules`.
 */
export type PluralMessage = { readonly other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;
export type Message = string | PluralMessage;
export type StringTable = Readonly<Record<string, Message>>;

/** The locales every widget ships strings for. */
export const SUPPORTED_LOCALES = ['en-GB', 'cy'] as const;
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];

/** A Welsh table for the English table `T`: every key translated. */
export type WelshTable<T extends StringTable> = { readonly [K in keyof T]: Message };

/** One table per supported locale; Welsh must translate every English key. */
export type Catalogue<T extends StringTable> = { readonly 'en-GB': T } & { readonly cy: WelshTable<T> };

/**
 * A catalogue whose Welsh table may be fetched when first needed (a separate module, so
 * pages in English never download it): `cy` is the table or a function loading it. Its English
 * may leave out strings that come with code fetched on demand (`English`, see `addEnglish`).
 */
export type LazyCatalogue<T extends StringTable, English extends Partial<T> = T> = { readonly 'en-GB': English } & {
  readonly cy: WelshTable<T> | (() => Promise<WelshTable<T>>);
};

export type MessageParams = Readonly<Record<string, string | number>>;

/** A widget's translator: one typed `t()` that views and forms take instead of the element. */
export type Translate<T extends StringTable> = (key: keyof T & string, params?: MessageParams) => string;

/** The supported locale for any language tag: Welsh for `cy…`, otherwise British English. */
export function resolveLocale(tag: string | null | undefined): SupportedLocale {
  return tag && /^cy(-|$)/i.test(tag) ? 'cy' : 'en-GB';
}

const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();
const MESSAGE_NUMBER: Intl.NumberFormatOptions = { maximumFractionDigits: 1 };

/** Fills a message's placeholders. Numbers are formatted for the locale; values are text, never markup. */
export function formatMessage(locale: string, message: Message, params: MessageParams = {}): string {
  let text: string;
  if (typeof message === 'string') text = message;
  else {
    const count = Number(params.count ?? 0);
    let category = pluralCategory(locale, count);
    if (category === undefined) {
      let rules = pluralRules.get(locale);
      if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
      category = rules.select(count);
    }
    text = message[category] ?? message.other;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (typeof value === 'number') {
      const asCode = formatNumberAsCode(value, locale, MESSAGE_NUMBER);
      if (asCode !== undefined) return asCode;
      let format = numberFormats.get(locale);
      if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale, MESSAGE_NUMBER)));
      return format.format(value);
    }
    return value;
  });
}
