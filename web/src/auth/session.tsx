import { useQuery } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { api, ok, setCsrfToken } from '../api/client';

const fetchMe = () => ok(api.GET('/api/v1/me'));
export type Me = Awaited<ReturnType<typeof fetchMe>>;

export function useMeQuery() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      const me = await fetchMe();
      setCsrfToken(me.session?.csrfToken ?? null);
      return me;
    },
    staleTime: 60_000,
  });
}

export const SessionContext = createContext<Me | null>(null);

/** The signed-in person; only under <Layout>, which renders nothing else until they are known. */
export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession outside a signed-in layout');
  return me;
}
