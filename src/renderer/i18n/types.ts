export type { Message, Params, PluralForms } from '../../shared/i18n';
