// The ledger as other features read it: one person, and the searches behind their pickers.
export { fetchApplications, fetchPermissions, useIdentity } from './queries';
