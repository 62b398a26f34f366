import { CloseCode } from '@torg/shared';
import { describe, expect, it } from 'vitest';
import { closeAction, nextStatus } from './connection-rules.js';

describe('nextStatus', () => {
  it('stays "offline" while the provider retries, until the connection is back', () => {
    expect(nextStatus('disconnected', 'connecting')).toBe('disconnected');
    expect(nextStatus('disconnected', 'connected')).toBe('connected');
  });

  it('follows the provider otherwise', () => {
    expect(nextStatus('connecting', 'connected')).toBe('connected');
    expect(nextStatus('connected', 'disconnected')).toBe('disconnected');
    expect(nextStatus('connected', 'connecting')).toBe('connecting');
  });
});

describe('closeAction', () => {
  it('opens a new document when our presence id is refused', () => {
    expect(closeAction(CloseCode.presenceRefused)).toBe('reopen');
  });

  it('reloads from the server when a change was refused', () => {
    expect(closeAction(CloseCode.readOnly)).toBe('reload');
  });

  it('says when the workshop was deleted', () => {
    expect(closeAction(CloseCode.deleted)).toBe('deleted');
  });

  it('stays closed when signed out or refused for misbehaving', () => {
    for (const code of [
      CloseCode.signedOut,
      CloseCode.malformedMessage,
      CloseCode.unknownMessageType,
      CloseCode.tooSlow,
      CloseCode.rateLimited,
    ])
      expect(closeAction(code)).toBe('stay-closed');
  });
});
