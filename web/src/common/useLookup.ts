import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';

/**
 * A type-ahead look-up on the server: what is typed, trimmed and debounced, is searched once it is
 * `minLength` characters long (fewer would list everything). `keepPrevious` keeps the last answer while
 * the next is on its way; `tooShort` says the typing has started but is not long enough yet.
 */
export function useLookup<T>(options: {
  key: readonly unknown[];
  text: string;
  search: (query: string) => Promise<T>;
  minLength: number;
  enabled?: boolean;
  keepPrevious?: boolean;
}) {
  const [query] = useDebouncedValue(options.text.trim(), 200);
  const found = useQuery({
    queryKey: [...options.key, query],
    queryFn: () => options.search(query),
    enabled: (options.enabled ?? true) && query.length >= options.minLength,
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
  });
  const typed = options.text.trim().length;
  return { query, found, tooShort: typed > 0 && typed < options.minLength };
}
