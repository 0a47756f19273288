import { Kbd, Modal, Table } from '@mantine/core';

export const SHORTCUTS: [keys: string[], what: string][] = [
  [['↓', 'j'], 'next item'],
  [['↑', 'k'], 'previous item'],
  [['a'], 'approve'],
  [['r'], 'revoke'],
  [['c'], 'go to the comment box'],
  [['h'], 'history'],
  [['x'], 'select or unselect'],
  [['/'], 'search'],
  [['Ctrl', 'Enter'], 'confirm decisions'],
  [['?'], 'this help'],
];

export function ShortcutsHelp({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts">
      <Table aria-label="Keyboard shortcuts">
        <Table.Tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <Table.Tr key={what}>
              <Table.Td>
                {keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && (keys[0] === 'Ctrl' ? ' + ' : ' or ')}
                    <Kbd>{k}</Kbd>
                  </span>
                ))}
              </Table.Td>
              <Table.Td>{what}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
