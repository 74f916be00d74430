/**
 * The widget's language (first load): which one, its catalog (each non-English language is a
 * lazy chunk, requested when the element connects, so before the slots request), and English,
 * to which each chunk adds its own strings when it loads.
 */
import first from './en.js';
import type { Catalog, Message } from './keys.js';

/** English: the first load's strings, to which each chunk adds its own as it loads. */
export const en: Record<string, Message> = first;

/** The shipped languages besides English, each its own chunk (vite.config.ts CHUNK_NAMES). */
const CATALOGS: Record<string, () => Promise<{ default: Catalog }>> = {
  hi: () => import('./hi.js'),
  es: () => import('./es.js'),
  fr: () => import('./fr.js'),
  de: () => import('./de.js'),
  pt: () => import('./pt.js'),
  ar: () => import('./ar.js'),
};

/** "pt-BR" → "pt". */
export const base = (tag: string) => tag.split('-')[0]!;

/**
 * The language tag to use for `el`: its own `lang`, else the nearest ancestor's (across shadow
 * roots), else the browser's languages; the first of them the widget ships, else English. The
 * tag is kept whole ("pt-BR", "en-GB") for dates and numbers.
 */
export function languageOf(el: Element): string {
  let node = el as Node & { lang?: string; host?: Node };
  while (node && !node.lang) node = (node.parentNode ?? node.host) as typeof node;
  for (const tag of node ? [node.lang!] : navigator.languages) {
    try {
      const canonical = Intl.getCanonicalLocales(tag)[0]!;
      if (base(canonical) == 'en' || CATALOGS[base(canonical)]) return canonical;
    } catch {
      /* not a language tag */
    }
  }
  return 'en';
}

/** The catalog of `tag`'s language: undefined for English (nothing to load); English when it fails to load. */
export const catalogFor = (tag: string): Promise<Partial<Catalog>> | undefined =>
  CATALOGS[base(tag)]?.().then(
    (m) => m.default,
    () => ({}),
  );
