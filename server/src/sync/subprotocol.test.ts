import { describe, expect, it } from 'vitest';
import { chooseSubprotocol, tokenFromProtocols } from './subprotocol.js';

describe('the token as a subprotocol', () => {
  it('reads the token from the offered list, wherever it is', () => {
    expect(tokenFromProtocols('torg, torg.token.abc.def')).toBe('abc.def');
    expect(tokenFromProtocols('torg.token.abc.def,torg')).toBe('abc.def');
    expect(tokenFromProtocols('torg')).toBeNull();
    expect(tokenFromProtocols('torg.token.')).toBeNull();
    expect(tokenFromProtocols(undefined)).toBeNull();
  });

  it('answers the plain protocol, else the first that is no token, never a token', () => {
    expect(chooseSubprotocol(new Set(['torg.token.abc', 'torg']))).toBe('torg');
    expect(chooseSubprotocol(new Set(['torg.token.abc', 'other']))).toBe('other');
    expect(chooseSubprotocol(new Set(['torg.token.abc']))).toBe(false);
  });
});
