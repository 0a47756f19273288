import { copyTextLine } from '../../src/database/copy-text';

describe('copyTextLine (COPY text format)', () => {
  it('separates fields by tabs, writes NULL as \\N and booleans as t/f', () => {
    expect(copyTextLine([7, 'a', null, undefined, true, false])).toBe('7\ta\t\\N\t\\N\tt\tf\n');
  });

  it('escapes what would end a field or a row, and the escape character itself', () => {
    expect(copyTextLine(['tab\there', 'line\nbreak', 'cr\rhere', 'back\\slash'])).toBe(
      'tab\\there\tline\\nbreak\tcr\\rhere\tback\\\\slash\n',
    );
  });

  it('writes an object as JSON, escaped like any text', () => {
    expect(copyTextLine([{ a: 'x\ty', b: 'c:\\d' }])).toBe('{"a":"x\\\\ty","b":"c:\\\\\\\\d"}\n');
  });
});
