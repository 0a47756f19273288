import { findUnstorable, MAX_INPUT_DEPTH, whyUnstorable } from '../../src/common/storable-text';

const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';
const SURROGATE_MESSAGE = 'must be valid Unicode (it contains an unpaired surrogate)';

describe('whyUnstorable', () => {
  it.each([
    ['plain text', 'Alice'],
    ['the empty string', ''],
    ['accents and CJK', 'Zoë 日本語'],
    ['an emoji (a valid surrogate pair)', '\ud83d\ude00'],
    ['several pairs in a row', '\ud83d\ude00\ud83c\udf89x\ud800\udc00'],
    ['the last code point', '\udbff\udfff'],
    ['other control characters', '\u0001\t\n\u007f'],
    ['U+FFFD and U+FFFF', '\ufffd\uffff'],
  ])('accepts %s', (_what, text) => {
    expect(whyUnstorable(text)).toBeUndefined();
  });

  it.each([
    ['NUL alone', '\u0000'],
    ['NUL inside', 'a\u0000b'],
    ['NUL at the end', 'comment\u0000'],
  ])('refuses %s', (_what, text) => {
    expect(whyUnstorable(text)).toBe(NUL_MESSAGE);
  });

  it.each([
    ['a lone high surrogate', '\ud800'],
    ['a high surrogate at the end', 'abc\ud83d'],
    ['a high surrogate before a letter', '\ud83dx'],
    ['a lone low surrogate', '\udc00'],
    ['a low surrogate at the start', '\ude00abc'],
    ['a reversed pair', '\ude00\ud83d'],
    ['two high surrogates', '\ud83d\ud83d'],
    ['a high surrogate before a valid pair', '\ud83d\ud83d\ude00'],
    ['a valid pair followed by a low surrogate', '\ud83d\ude00\ude00'],
  ])('refuses %s', (_what, text) => {
    expect(whyUnstorable(text)).toBe(SURROGATE_MESSAGE);
  });

  it('names NUL first when both are present', () => {
    expect(whyUnstorable('\ud800\u0000')).toBe(NUL_MESSAGE);
  });
});

describe('findUnstorable', () => {
  it('accepts storable documents and ignores non-string scalars', () => {
    expect(findUnstorable({ a: 1, b: [true, null, 'x', { c: '😀' }], d: undefined, e: 1.5 })).toBeUndefined();
    for (const v of [undefined, null, 0, false, '', 'ok', [], {}]) expect(findUnstorable(v)).toBeUndefined();
  });

  it('names the field holding the offending string', () => {
    expect(findUnstorable({ a: [{ b: 'x\u0000' }] })).toEqual({ field: 'a[0].b', message: NUL_MESSAGE });
    expect(findUnstorable({ decisions: [{ comment: 'ok' }, { comment: '\ud800' }] })).toEqual({
      field: 'decisions[1].comment',
      message: SURROGATE_MESSAGE,
    });
    expect(findUnstorable([['ok', ['\udc00']]])).toEqual({ field: '[0][1][0]', message: SURROGATE_MESSAGE });
    expect(findUnstorable({ 'dotted.key': { 'with space': '\u0000' } })).toEqual({
      field: 'dotted.key.with space',
      message: NUL_MESSAGE,
    });
  });

  it('checks a flat record (a ledger row) as thoroughly as a nested document', () => {
    const row = { key: 'as-1', origin: 'manual', frozen: true, rank: 3, absent: null };
    expect(findUnstorable(row)).toBeUndefined();
    expect(findUnstorable({ ...row, status: 'ok\u0000' })).toEqual({ field: 'status', message: NUL_MESSAGE });
    expect(findUnstorable({ ...row, ['k\ud800']: 'v' })).toEqual({
      field: 'k\ufffd',
      message: SURROGATE_MESSAGE,
    });
    expect(findUnstorable({ ...row, ok: 'fine', bad: '\udc00', worse: '\u0000' })).toEqual({
      field: 'bad',
      message: SURROGATE_MESSAGE,
    });
  });

  it('prefixes the root it is given, and calls a bad root "(body)" when there is none', () => {
    expect(findUnstorable({ q: '\u0000' }, 'query')).toEqual({ field: 'query.q', message: NUL_MESSAGE });
    expect(findUnstorable(['\u0000'], 'tags')).toEqual({ field: 'tags[0]', message: NUL_MESSAGE });
    expect(findUnstorable('\u0000', 'comment')).toEqual({ field: 'comment', message: NUL_MESSAGE });
    expect(findUnstorable('\u0000')).toEqual({ field: '(body)', message: NUL_MESSAGE });
  });

  it('names the first offending value in document order', () => {
    expect(findUnstorable({ a: 'ok', b: '\u0000', c: '\ud800' })).toEqual({
      field: 'b',
      message: NUL_MESSAGE,
    });
    expect(findUnstorable(['\ud800', '\u0000'])).toEqual({ field: '[0]', message: SURROGATE_MESSAGE });
    expect(findUnstorable({ x: { y: ['ok', '\u0000'] }, z: '\ud800' })).toEqual({
      field: 'x.y[1]',
      message: NUL_MESSAGE,
    });
  });

  it('checks object keys too, naming them with U+FFFD in place of what cannot be printed', () => {
    expect(findUnstorable({ 'a\u0000b': 1 })).toEqual({ field: 'a\ufffdb', message: NUL_MESSAGE });
    expect(findUnstorable({ outer: { ['k\ud800']: 'fine' } })).toEqual({
      field: 'outer.k\ufffd',
      message: SURROGATE_MESSAGE,
    });
    expect(findUnstorable({ list: [{ ['\udc00']: null }] })).toEqual({
      field: 'list[0].\ufffd',
      message: SURROGATE_MESSAGE,
    });
    // A valid pair in a key is kept as it is.
    expect(findUnstorable({ '😀': '\u0000' })).toEqual({ field: '😀', message: NUL_MESSAGE });
  });

  it('refuses nesting deeper than the limit, naming where it went too deep', () => {
    expect(MAX_INPUT_DEPTH).toBe(64);
    expect(findUnstorable({ a: { b: 1 } }, '', 2)).toBeUndefined();
    expect(findUnstorable({ a: { b: { c: 1 } } }, '', 2)).toEqual({
      field: 'a.b',
      message: 'nested deeper than 2 levels',
    });
    expect(findUnstorable([[[]]], 'body', 2)).toEqual({
      field: 'body[0][0]',
      message: 'nested deeper than 2 levels',
    });
    expect(findUnstorable({}, '', 0)).toEqual({ field: '(body)', message: 'nested deeper than 0 levels' });
  });

  it('allows 64 levels by default and refuses 65', () => {
    const nest = (levels: number) => {
      let v: unknown = 'leaf';
      for (let n = 0; n < levels; n++) v = [v];
      return v;
    };
    expect(findUnstorable(nest(64))).toBeUndefined();
    expect(findUnstorable(nest(65))).toEqual({
      field: '[0]'.repeat(64),
      message: 'nested deeper than 64 levels',
    });
  });

  it('handles hostile nesting and width without recursion', () => {
    let deep: unknown = '\u0000';
    for (let n = 0; n < 100_000; n++) deep = { a: deep };
    expect(findUnstorable(deep)?.message).toBe('nested deeper than 64 levels');

    const wide = Array.from({ length: 20_000 }, (_, n) => ({ n, text: 'fine' }));
    wide.push({ n: -1, text: 'bad\u0000' });
    expect(findUnstorable({ wide })).toEqual({ field: 'wide[20000].text', message: NUL_MESSAGE });
  });
});

describe('findUnstorable names the first offence in document order', () => {
  it('checks a key just before its value', () => {
    expect(findUnstorable({ 'a\u0000': 1, 'b\u0000': 2 })?.field).toBe('a\ufffd');
    expect(findUnstorable({ a: 'x\u0000', 'b\u0000': 2 })?.field).toBe('a');
    expect(findUnstorable({ a: { 'c\u0000': 1 }, b: 'x\u0000' })?.field).toBe('a.c\ufffd');
  });
});
