import { describe, expect, it } from 'vitest';
import { bindIpc, EVENT_CHANNEL, isTrustedSender } from '../../../main/app/ipc';
import { createDispatcher, type Handlers } from '../../../main/rpc/dispatcher';
import { CHANNEL_NAMES } from '../../../preload/contract';
import { TypedEmitter } from '../../../main/services/core/emitter';
import { silentLogger } from '../../../main/services/core/logger';
import { createElectronMock, FakeWebContents } from '../../support/electron-mock';
import type { HostEvents } from '../../../main/host';

const ORIGIN = 'app://classe';

function frameEvent(url: string, opts: { subFrame?: boolean } = {}) {
  const sender = new FakeWebContents(url);
  const senderFrame = opts.subFrame ? { url } : sender.mainFrame;
  return { sender, senderFrame } as never;
}

function setup() {
  const electron = createElectronMock();
  const calls: string[] = [];
  const handlers = Object.fromEntries(
    CHANNEL_NAMES.map((c) => [
      c,
      () => {
        calls.push(c);
        return { ok: true, uptimeSeconds: 0, checks: [] };
      },
    ]),
  ) as unknown as Handlers;
  const events = new TypedEmitter<HostEvents>();
  const target = new FakeWebContents();
  const binding = bindIpc({
    ipcMain: electron.ipcMain as never,
    dispatcher: createDispatcher(handlers, silentLogger),
    events,
    allowedOrigins: [ORIGIN],
    targets: () => [target as never],
    logger: silentLogger,
  });
  return { electron, calls, events, target, binding };
}

describe('main/app/ipc (electron mocked)', () => {
  it('binds exactly one ipcMain.handle per contract channel', () => {
    const { electron } = setup();
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('accepts our page main frame and dispatches', async () => {
    const { electron, calls } = setup();
    const r = await electron.ipcMain.handlers.get('app.health')!(frameEvent('app://classe/index.html'));
    expect(r).toEqual({ ok: true, value: { ok: true, uptimeSeconds: 0, checks: [] } });
    expect(calls).toEqual(['app.health']);
  });

  it.each([
    ['another origin', 'https://evil.example/index.html', {}],
    ['a file:// page', 'file:///tmp/x.html', {}],
    ['a sub-frame of our page', 'app://classe/index.html', { subFrame: true }],
    ['a look-alike host', 'app://classe.evil/index.html', {}],
  ])('refuses a foreign sender: %s', async (_why, url, opts) => {
    const { electron, calls } = setup();
    const r = await electron.ipcMain.handlers.get('app.health')!(frameEvent(url, opts));
    expect(r).toEqual({ ok: false, error: { code: 'contract.forbidden' } });
    expect(calls).toEqual([]);
  });

  it('rejects invalid input with a typed error before any service', async () => {
    const { electron, calls } = setup();
    const r = await electron.ipcMain.handlers.get('settings.set')!(frameEvent('app://classe/'), { patch: { theme: 42 } });
    expect(r).toMatchObject({ ok: false, error: { code: 'contract.invalid_input' } });
    expect(calls).toEqual([]);
  });

  it('forwards valid events as (name, payload) and drops malformed ones', () => {
    const { events, target } = setup();
    events.emit('app.notice', { id: 'n1', level: 'info', code: 'settings.recovered' });
    events.emit('app.notice', { id: 'n2', level: 'shout', code: 'x' } as never);
    expect(target.sent).toEqual([[EVENT_CHANNEL, 'app.notice', { id: 'n1', level: 'info', code: 'settings.recovered' }]]);
  });

  it('removes its handlers on dispose', () => {
    const { electron, binding } = setup();
    binding.dispose();
    expect(electron.ipcMain.handlers.size).toBe(0);
  });

  it('isTrustedSender requires a frame', () => {
    expect(isTrustedSender({ senderFrame: null, sender: new FakeWebContents() } as never, [ORIGIN])).toBe(false);
  });
});
