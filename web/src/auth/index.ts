// The signed-in person, as every feature asks about them.
export { AdminOnly } from './AdminOnly';
export { useMeQuery, signOut, type Me } from './queries';
export { SessionContext, useIsAdmin, useSession } from './session';
