// What other features may use of the ledger feature.
export { CLOSED_LOOP_VERIFIER } from './closed-loop-verifier';
export type { ClosedLoopVerifier, VerificationCounts } from './closed-loop-verifier';
export { LedgerHttpModule } from './ledger-http.module';
export { LedgerModule } from './ledger.module';
export { LedgerLookupRepository, LedgerRepository } from './ledger.repository';
