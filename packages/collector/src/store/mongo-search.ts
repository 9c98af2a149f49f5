/**
 * Search on MongoDB without a text index (FerretDB 1.24 has none): every item keeps the distinct words of its
 * text in `words` (lower case, accents removed), on a multikey index. A search matches items holding each
 * word typed, the last one as a prefix (an anchored regular expression, which reads an index range).
 */
import type { mongo } from 'mongoose';

/** The words of `text`, in order, lower case and without accents (`Überraschung` -> `uberraschung`). */
function tokens(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** The distinct words to store for `text`. */
export function wordsOf(...texts: (string | undefined)[]): string[] {
  return [...new Set(texts.flatMap((text) => (text ? tokens(text) : [])))];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The condition a search puts on `words`; `null` when the text holds no word (no condition). */
export function searchQuery(text: string): mongo.Document | null {
  const typed = tokens(text);
  const last = typed.pop();
  if (last === undefined) return null;
  return { $and: [...typed.map((word) => ({ words: word })), { words: { $regex: `^${escapeRegExp(last)}` } }] };
}
