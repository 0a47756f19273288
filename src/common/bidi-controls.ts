/**
 * The invisible characters that change the direction text is displayed in. In a name they make it read as
 * something else: `Evil\u202Egnp.exe` displays as "Evilexe.png". (The web app shows them written out.)
 */
const CONTROL_NAMES: Record<string, string> = {
  '\u061c': 'ARABIC LETTER MARK',
  '\u200e': 'LEFT-TO-RIGHT MARK',
  '\u200f': 'RIGHT-TO-LEFT MARK',
  '\u202a': 'LEFT-TO-RIGHT EMBEDDING',
  '\u202b': 'RIGHT-TO-LEFT EMBEDDING',
  '\u202c': 'POP DIRECTIONAL FORMATTING',
  '\u202d': 'LEFT-TO-RIGHT OVERRIDE',
  '\u202e': 'RIGHT-TO-LEFT OVERRIDE',
  '\u2066': 'LEFT-TO-RIGHT ISOLATE',
  '\u2067': 'RIGHT-TO-LEFT ISOLATE',
  '\u2068': 'FIRST STRONG ISOLATE',
  '\u2069': 'POP DIRECTIONAL ISOLATE',
};
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

export interface BidiControlField {
  /** The field's path in the record (`name`, `attributes.site`). */
  field: string;
  /** Says which control it holds (the first). */
  message: string;
}

function describe(control: string): string {
  const code = control.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return `contains U+${code} ${CONTROL_NAMES[control]}, an invisible character that changes how the text is displayed`;
}

function inside(value: unknown, path: string, found: BidiControlField[]): void {
  if (typeof value === 'string') {
    const control = BIDI_CONTROL.exec(value);
    if (control) found.push({ field: path, message: describe(control[0]) });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => inside(item, `${path}[${i}]`, found));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) inside(item, `${path}.${key}`, found);
  }
}

/**
 * The fields of a record whose text holds a bidirectional control, or undefined when none does (most
 * records of a large file: checked without building anything for them).
 */
export function bidiControlFields(record: Record<string, unknown>): BidiControlField[] | undefined {
  let found: BidiControlField[] | undefined;
  for (const key in record) {
    const value = record[key];
    if (typeof value === 'string' ? !BIDI_CONTROL.test(value) : typeof value !== 'object' || value === null)
      continue;
    found ??= [];
    inside(value, key, found);
  }
  return found?.length ? found : undefined;
}
