export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
