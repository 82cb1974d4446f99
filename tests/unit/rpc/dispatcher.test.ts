import { describe, expect, it, vi } from 'vitest';
import { createDispatcher, type Handlers } from '../../../main/rpc/dispatcher';
import { ServiceError } from '../../../main/services/core/errors';
import { silentLogger } from '../../../main/services/core/logger';

const view = {
  values: { language: 'fr', theme: 'dark', room: null, demoMode: false, displayMode: 'duplicate', confirmPowerOff: true, networkProbe: false, reminderTime: '16:45' },
  sources: { language: 'user', theme: 'user', room: 'default', demoMode: 'default', displayMode: 'default', confirmPowerOff: 'default', networkProbe: 'default', reminderTime: 'default' },
  resolvedLanguage: 'fr',
} as const;

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    'app.info': () => ({ name: 'x', version: '1', runtime: 'cli', platform: 'linux', arch: 'x64', node: '20', electron: null, locale: 'fr' }),
    'app.health': () => ({ ok: true, uptimeSeconds: 1, checks: [] }),
    'settings.get': () => view,
    'settings.set': () => view,
    'settings.reset': () => view,
    ...overrides,
  } as Handlers;
}

const ctx = { transport: 'web' as const };

describe('dispatcher', () => {
  it('refuses unknown channels, including prototype names', async () => {
    const d = createDispatcher(handlers(), silentLogger);
    for (const name of ['nope', 'constructor', '__proto__', 'toString', 42, null]) {
      const r = await d.dispatch(name, undefined, ctx);
      expect(r).toMatchObject({ ok: false, error: { code: 'contract.unknown_channel' } });
    }
  });

  it('never calls the handler with invalid input', async () => {
    const set = vi.fn(() => view);
    const d = createDispatcher(handlers({ 'settings.set': set }), silentLogger);
    const r = await d.dispatch('settings.set', { patch: { theme: 'purple' } }, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'contract.invalid_input' } });
    expect(set).not.toHaveBeenCalled();
  });

  it('passes validated input and returns validated output', async () => {
    const set = vi.fn(() => view);
    const d = createDispatcher(handlers({ 'settings.set': set }), silentLogger);
    const r = await d.dispatch('settings.set', { patch: { theme: 'dark' } }, ctx);
    expect(r).toEqual({ ok: true, value: view });
    expect(set).toHaveBeenCalledWith({ patch: { theme: 'dark' } }, ctx);
  });

  it('turns a ServiceError into its typed error info (code, params, guide)', async () => {
    const d = createDispatcher(
      handlers({ 'settings.set': () => Promise.reject(new ServiceError('settings.locked', { params: { key: 'theme' }, guide: 'guide:contact-it' })) }),
      silentLogger,
    );
    const r = await d.dispatch('settings.set', { patch: { theme: 'dark' } }, ctx);
    expect(r).toEqual({ ok: false, error: { code: 'settings.locked', params: { key: 'theme' }, guide: 'guide:contact-it' } });
  });

  it('hides unexpected exceptions behind app.unexpected without a stack', async () => {
    const d = createDispatcher(handlers({ 'app.health': () => { throw new TypeError('boom at line 3'); } }), silentLogger);
    const r = await d.dispatch('app.health', undefined, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('app.unexpected');
      expect(r.error.detail).toBe('boom at line 3');
      expect(JSON.stringify(r.error)).not.toMatch(/\\n\s+at /);
    }
  });

  it('refuses to return output that does not match the contract', async () => {
    const d = createDispatcher(handlers({ 'app.health': () => ({ ok: 'yes' }) as never }), silentLogger);
    expect(await d.dispatch('app.health', undefined, ctx)).toMatchObject({ ok: false, error: { code: 'contract.invalid_output' } });
  });
});

describe('app.savePdf without a desktop shell (web preview, CLI)', () => {
  it('answers app.pdf_unavailable so that the page prints with the browser instead', async () => {
    const { appHandlers } = await import('../../../main/handlers/app');
    const h = appHandlers({ runtime: 'web', version: '1', electronVersion: null, locale: 'fr', startedAt: 0, checks: [], desktop: null });
    await expect(h['app.savePdf']({ fileName: 'x.pdf' }, ctx)).rejects.toMatchObject({ code: 'app.pdf_unavailable' });
  });
});
