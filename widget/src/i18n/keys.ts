/**
 * The widget's string keys (types only): every chunk's English table together. A catalog of
 * another language has exactly these keys (checked by the type below and by a test).
 */
import type first from './en.js';
import type errors from './errors.en.js';
import type list from '../list/en.js';
import type account from '../account/en.js';
import type booking from '../booking/en.js';
import type phone from '../booking/phone.en.js';
import type tentimes from '../tentimes/en.js';
import type popup from '../popup/en.js';
import type calendar from '../calendar/en.js';
import type waiting from '../waiting/en.js';

type English = typeof first & typeof errors & typeof list & typeof account & typeof booking & typeof phone & typeof tentimes & typeof popup & typeof calendar & typeof waiting;

export type Key = keyof English;

/** Plural forms by `Intl.PluralRules` category ("other" always present); `{n}` is the count. */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** A string, with `{name}` placeholders, or its plural forms. */
export type Message = string | Plural;

/** A whole language: every key. */
export type Catalog = Record<Key, Message>;

/** What a seller may set in the `strings` property: any keys. */
export type Strings = Partial<Catalog>;
