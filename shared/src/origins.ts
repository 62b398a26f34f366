/**
 * Typed transaction origins. Every change to a Y.Doc is made inside
 * `doc.transact(fn, origin)` with one of these, so listeners (the undo manager, the
 * storage writer) can tell whose change it was.
 */
export type TxSource = 'local' | 'remote' | 'server' | 'migration';

export interface TxOrigin {
  readonly source: TxSource;
}

export const ORIGIN_LOCAL: TxOrigin = Object.freeze({ source: 'local' });
export const ORIGIN_SERVER: TxOrigin = Object.freeze({ source: 'server' });
export const ORIGIN_MIGRATION: TxOrigin = Object.freeze({ source: 'migration' });

export function isTxOrigin(value: unknown): value is TxOrigin {
  return (
    typeof value === 'object' &&
    value !== null &&
    'source' in value &&
    typeof (value as { source: unknown }).source === 'string'
  );
}
