/** A message is a string with `{name}` placeholders, or plural forms chosen by Intl.PluralRules. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>>;
export type Message = string | PluralForms;
export type Params = Record<string, string | number>;
