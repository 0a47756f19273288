import { Text } from '@mantine/core';

/**
 * The invisible characters that change the direction text is displayed in: the marks (ALM, LRM, RLM), the
 * embeddings and overrides (U+202A–U+202E) and the isolates (U+2066–U+2069). In a name from the ledger
 * they make it read as something else: `Evil\u202Egnp.exe` displays as "Evilexe.png".
 */
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const BIDI_CONTROLS = new RegExp(BIDI_CONTROL.source, 'g');
/** Splits text around each control, keeping the controls (at odd indexes). */
const AROUND_CONTROLS = new RegExp(`(${BIDI_CONTROL.source})`);

const marker = (control: string) =>
  `⟨U+${control.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`;

/** Ledger text with each bidirectional control written out (⟨U+202E⟩), for places that take a string. */
export const showControls = (text: string): string => text.replace(BIDI_CONTROLS, marker);

/**
 * Text from the ledger (a name, key, label or comment), shown as it is: isolated from what surrounds it
 * (`<bdi>`), so that right-to-left text keeps to itself, and with its bidirectional controls made visible
 * instead of obeyed. Every page shows ledger text through this component or `showControls`.
 */
export function LedgerText({ children }: { children: string | null | undefined }) {
  if (children === null || children === undefined) return null;
  if (!BIDI_CONTROL.test(children)) return <bdi>{children}</bdi>;
  return (
    <bdi>
      {children.split(AROUND_CONTROLS).map((part, i) =>
        i % 2 === 1 ? (
          <Text key={i} span inherit c="red.9" title="A bidirectional control character in the ledger">
            {marker(part)}
          </Text>
        ) : (
          part
        ),
      )}
    </bdi>
  );
}
