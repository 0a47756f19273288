import { Alert, Button, Group, Loader, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { usePhoneScrollStop } from './phone';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
}

/** A cursor-paged list from the API: the first page, then more on request. */
export function usePaged<T>(key: unknown[], fetchPage: (cursor?: string) => Promise<Page<T>>) {
  return useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/**
 * The rows of a paged list as a table, with what people need around it: loading, the server's refusal,
 * an empty list said in words, and "Show more".
 */
export function PagedTable<T>(props: {
  label: string;
  query: ReturnType<typeof usePaged<T>>;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  empty: string;
}) {
  const { query } = props;
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  const scrollStop = usePhoneScrollStop();
  return (
    <>
      {query.isPending && <Loader role="progressbar" aria-label={`Loading: ${props.label}`} />}
      {query.isError && (
        <Alert color="red" role="alert" title={`${props.label}: could not be loaded`}>
          {query.error.message}
        </Alert>
      )}
      {query.isSuccess && rows.length === 0 && <Text>{props.empty}</Text>}
      {rows.length > 0 && (
        <Table striped aria-label={props.label} {...scrollStop}>
          <Table.Thead>
            <Table.Tr>
              {props.columns.map((c) => (
                <Table.Th key={c.header}>{c.header}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={props.rowKey(row)}>
                {props.columns.map((c) => (
                  <Table.Td key={c.header}>{c.cell(row)}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ShowMore query={query} />
    </>
  );
}

/** The next page of a paged list, on request; nothing once the last is shown. */
export function ShowMore({
  query,
}: {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };
}) {
  return query.hasNextPage ? (
    <Group>
      <Button variant="default" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
        Show more
      </Button>
    </Group>
  ) : null;
}
