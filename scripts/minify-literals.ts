import type { Plugin } from 'vite';

/**
 * Shrinks the static text of Lit's css``, html`` and svg`` templates in widget/src at
 * build time: CSS loses comments and whitespace, HTML loses the indentation between
 * tags. Text content keeps single spaces, so "Book <span>…" still reads right.
 * (The widget has a 10 KB gzip first-load budget; indentation alone is ~1 KB of it.)
 */
const minCss = (text: string) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/([\w-]): /g, '$1:')
    .replace(/;}/g, '}')
    // 0.5rem -> .5rem, and no space before !important
    .replace(/([\s:,(])0\.(\d)/g, '$1.$2')
    .replace(/ !important/g, '!important')
    .trim();

const minHtml = (text: string) => text.replace(/>\s*\n\s*</g, '><').replace(/\s*\n\s*/g, ' ');

/** Rewrites template literals in TS/JS source, following nested `${ … }` expressions. */
export function minifyTemplates(code: string): string {
  let out = '';
  let i = 0;
  const n = code.length;

  // Copies a quoted string or comment starting at i; returns the new index.
  const skipSimple = (): boolean => {
    const c = code[i];
    if (c === '"' || c === "'") {
      const q = c;
      let j = i + 1;
      while (j < n && code[j] !== q) j += code[j] === '\\' ? 2 : 1;
      out += code.slice(i, j + 1);
      i = j + 1;
      return true;
    }
    if (c === '/' && code[i + 1] === '/') {
      const j = code.indexOf('\n', i);
      const end = j === -1 ? n : j;
      out += code.slice(i, end);
      i = end;
      return true;
    }
    if (c === '/' && code[i + 1] === '*') {
      const j = code.indexOf('*/', i + 2);
      const end = j === -1 ? n : j + 2;
      out += code.slice(i, end);
      i = end;
      return true;
    }
    return false;
  };

  // At a backtick: copies the template, minifying its text when tagged css/html/svg.
  const template = (tag: string) => {
    const min = tag === 'css' ? minCss : tag === 'html' || tag === 'svg' ? minHtml : (s: string) => s;
    out += '`';
    i++;
    let text = '';
    while (i < n) {
      const c = code[i];
      if (c === '\\') {
        text += code.slice(i, i + 2);
        i += 2;
      } else if (c === '`') {
        out += min(text) + '`';
        i++;
        return;
      } else if (c === '$' && code[i + 1] === '{') {
        out += min(text) + '${';
        text = '';
        i += 2;
        expression();
        out += '}';
        i++;
      } else {
        text += c;
        i++;
      }
    }
    out += text;
  };

  // Inside ${ … } (or the top level when top = true): copies code until the matching }.
  const expression = (top = false) => {
    let depth = 0;
    while (i < n) {
      if (skipSimple()) continue;
      const c = code[i];
      if (c === '`') {
        const tag = /(\w+)\s*$/.exec(out)?.[1] ?? '';
        template(tag);
        continue;
      }
      if (c === '{') depth++;
      if (c === '}') {
        if (depth === 0 && !top) return;
        depth--;
      }
      out += c;
      i++;
    }
  };

  expression(true);
  return out;
}

export function minifyLitLiterals(): Plugin {
  return {
    name: 'minify-lit-literals',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]widget[\\/]src[\\/].*\.ts$/.test(id)) return null;
      const out = minifyTemplates(code);
      return out === code ? null : { code: out, map: null };
    },
  };
}
