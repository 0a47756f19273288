// What the ledger shows of reviews: an assignment's review history and the decisions' words.
export { STATUS_LABEL } from './decisions';
export { HistoryDrawer, type HistorySubject } from './HistoryDrawer';
