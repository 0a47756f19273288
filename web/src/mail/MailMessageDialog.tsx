import { Alert, Anchor, Badge, Code, Loader, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { LedgerText } from '../common/LedgerText';
import { EVENT_WORDS, STATUS_COLOR, STATUS_WORDS, useMessage } from './queries';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

/** One message of the mail log, opened from the list: to whom, about what, what happened, and its text. */
export function MailMessageDialog(props: { id: string | null; onClose: () => void }) {
  const message = useMessage(props.id);
  const m = message.data;
  return (
    <Modal
      opened={props.id !== null}
      onClose={props.onClose}
      title={m?.subject ?? 'Message'}
      size="xl"
      scrollAreaComponent={ScrollArea.Autosize}
    >
      {message.isPending && <Loader role="progressbar" aria-label="Loading the message" />}
      {message.isError && (
        <Alert color="red" role="alert" title="The message could not be loaded">
          {message.error.message}
        </Alert>
      )}
      {m && (
        <Stack>
          <Table variant="vertical" withTableBorder aria-label="Message">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={160}>To</Table.Th>
                <Table.Td>
                  <LedgerText>{m.recipientName ?? m.recipientKey}</LedgerText> ({m.recipientKey})
                  {m.recipientEmail ? ` <${m.recipientEmail}>` : ''}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Subject</Table.Th>
                <Table.Td>{m.subject ?? '—'}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Campaign</Table.Th>
                <Table.Td>
                  <Anchor component={Link} to={`/campaigns/${m.campaignId}`}>
                    {m.campaignNumber ?? m.campaignId}
                  </Anchor>{' '}
                  <LedgerText>{m.campaignTitle}</LedgerText>
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Event</Table.Th>
                <Table.Td>
                  {EVENT_WORDS[m.event]}{' '}
                  <Text span c="dimmed" size="sm">
                    ({m.occurrence})
                  </Text>
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Status</Table.Th>
                <Table.Td>
                  <Badge color={STATUS_COLOR[m.status]} variant="filled">
                    {STATUS_WORDS[m.status]}
                  </Badge>
                  {m.detail && <Text size="sm">{m.detail}</Text>}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Logged</Table.Th>
                <Table.Td>
                  {when(m.createdAt)} · {m.attempts} {m.attempts === 1 ? 'attempt' : 'attempts'}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Sent</Table.Th>
                <Table.Td>{when(m.sentAt)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Message-ID</Table.Th>
                <Table.Td>{m.messageId ? <Code>{m.messageId}</Code> : '—'}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <Text fw={700} component="h2" size="md">
            Text as sent
          </Text>
          {m.text !== null ? (
            <Code block aria-label="Text as sent" style={{ whiteSpace: 'pre-wrap' }}>
              {m.text}
            </Code>
          ) : (
            <Text>
              {m.status === 'skipped'
                ? 'Nothing was sent, so there is no text.'
                : 'The text of this message was not kept (it was logged before Recert kept texts).'}
            </Text>
          )}
          {m.hasRaw && (
            <Anchor href={`/api/v1/mail/${m.id}/raw`} download={`message-${m.id}.eml`}>
              Download the message as sent (.eml)
            </Anchor>
          )}
        </Stack>
      )}
    </Modal>
  );
}
