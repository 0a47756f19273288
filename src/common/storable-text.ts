import { FieldError } from './domain-error';

/** Deeper than any document the API defines; past it a request is refused before anything recurses. */
export const MAX_INPUT_DEPTH = 64;

// PostgreSQL text cannot hold NUL, and UTF-8 (hence PostgreSQL and jsonb) cannot encode a lone UTF-16
// surrogate: such input fails deep inside a transaction, or worse, inside a retried activity.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Either offence's character, in one quick scan: text without any needs no closer look. */
// eslint-disable-next-line no-control-regex -- NUL is one of the characters it looks for
const SUSPECT = /[\u0000\ud800-\udfff]/;

export function whyUnstorable(text: string): string | undefined {
  if (!SUSPECT.test(text)) return undefined;
  if (text.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode (it contains an unpaired surrogate)';
  return undefined;
}

/** The key itself cannot name the field: its offending characters become U+FFFD. */
function printable(key: string): string {
  return [...key].map((c) => (c === '\u0000' || /^[\ud800-\udfff]$/.test(c) ? '\ufffd' : c)).join('');
}

function child(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/**
 * An object of keys and non-object values none of which is suspect: most records of a ledger file, which
 * are then checked without building an entry and a path for each field.
 */
function flatAndClean(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const [key, item] of Object.entries(value)) {
    if (SUSPECT.test(key)) return false;
    if (typeof item === 'string' ? SUSPECT.test(item) : typeof item === 'object' && item !== null)
      return false;
  }
  return true;
}

/**
 * The first string (value or object key) of a parsed document that PostgreSQL cannot store, or a nesting
 * deeper than `maxDepth`, named as a field (`decisions[0].comment`). Iterative, so hostile nesting
 * cannot overflow the stack.
 */
export function findUnstorable(
  value: unknown,
  root = '',
  maxDepth = MAX_INPUT_DEPTH,
): FieldError | undefined {
  if (maxDepth > 0 && flatAndClean(value)) return undefined;
  // A key is checked just before its value, so that the first offence in document order is named.
  type Entry = { value: unknown; path: string; depth: number } | { key: string; path: string };
  const stack: Entry[] = [{ value, path: root, depth: 0 }];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    if ('key' in entry) {
      const why = whyUnstorable(entry.key);
      if (why) return { field: child(entry.path, printable(entry.key)), message: why };
      continue;
    }
    const { value: v, path, depth } = entry;
    if (typeof v === 'string') {
      const why = whyUnstorable(v);
      if (why) return { field: path || '(body)', message: why };
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= maxDepth) {
      return { field: path || '(body)', message: `nested deeper than ${maxDepth} levels` };
    }
    // Pushed in reverse: the stack then yields them in document order.
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--)
        stack.push({ value: v[i], path: child(path, i), depth: depth + 1 });
      continue;
    }
    for (const [key, item] of Object.entries(v).reverse()) {
      stack.push({ value: item, path: child(path, key), depth: depth + 1 });
      stack.push({ key, path });
    }
  }
  return undefined;
}
