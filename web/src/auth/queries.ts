import { useQuery } from '@tanstack/react-query';
import { api, ok, setCsrfToken } from '../api/client';

const fetchMe = () => ok(api.GET('/api/v1/me'));
export type Me = Awaited<ReturnType<typeof fetchMe>>;

/** The signed-in person; their session's CSRF token is kept for every change that follows. */
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

/** Ends the session on the server, then follows it to the provider's sign-out. */
export async function signOut(): Promise<void> {
  const { data } = await api.POST('/auth/logout', { headers: { accept: 'application/json' } });
  const next = (data as { redirectTo?: string } | undefined)?.redirectTo ?? '/';
  window.location.assign(next);
}
