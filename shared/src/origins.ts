/**
 * Typed transaction origins. Every change to a Y.Doc is made inside
 * `doc.transact(fn, origin)` with one of these, so listeners (the undo manager, the
 * storage writer) can tell whose change it was.
 */
export type TxSource = 'local' | 'remote' | 'server' | 'migration' | 'cluster';

export interface TxOrigin {
  readonly source: TxSource;
}

export const ORIGIN_LOCAL: TxOrigin = Object.freeze({ source: 'local' });
export const ORIGIN_SERVER: TxOrigin = Object.freeze({ source: 'server' });
export const ORIGIN_MIGRATION: TxOrigin = Object.freeze({ source: 'migration' });
/** On a server: a change another Torg server made, relayed through the cluster bus. */
export const ORIGIN_CLUSTER: TxOrigin = Object.freeze({ source: 'cluster' });

export function isTxOrigin(value: unknown): value is TxOrigin {
  return (
    typeof value === 'object' &&
    value !== null &&
    'source' in value &&
    typeof (value as { source: unknown }).source === 'string'
  );
}
