import { createContext, useContext } from 'react';
import type { Me } from './queries';

export const SessionContext = createContext<Me | null>(null);

/** The signed-in person; only under <Layout>, which renders nothing else until they are known. */
export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession outside a signed-in layout');
  return me;
}

/** Whether the signed-in person is an administrator: the pages offer changes to them only. */
export const useIsAdmin = (): boolean => useSession().roles.includes('admin');
