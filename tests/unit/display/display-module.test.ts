/**
 * The host's display module with fakes: status (with the projector display from the tracker),
 * setMode outcomes and events, the « Afficher mon écran » hook, the guides' check and fix, the
 * presentation channels over a PresentationPort, and the web preview without a display service.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DisplayModeOutcome, DisplayStatus, PresentationEvent } from '../../../preload/contract/display';
import { createDisplayModule, displayDiagnostics, toPresentationCommand } from '../../../main/modules/display/display-module';
import { TypedEmitter } from '../../../main/services/core/emitter';
import { LogBook } from '../../../main/services/core/logger';
import type { HostEvents } from '../../../main/host';
import type { DisplayModeResult, DisplayModeService, DisplayModeState } from '../../../main/services/display/display-mode-service';
import { ProjectorDisplayTracker } from '../../../main/services/display/projector-tracker';
import type { PresentationEndedInfo, PresentationPort } from '../../../main/services/display/presentation-port';
import { initialPresentationState, type PresentationState } from '../../../main/services/display/presentation-state';
import { FileRegistry } from '../../../main/services/files/file-registry';
import { SettingsService } from '../../../main/services/settings/settings-service';
import { MemorySettingsStore } from '../../../main/services/settings/store';

function fakeService(state: Partial<DisplayModeState>, result?: Partial<DisplayModeResult>) {
  const current: DisplayModeState = { environment: 'x11', canApply: true, topology: 'extend', externalConnected: true, ...state };
  const ensure = vi.fn(async (mode: string): Promise<DisplayModeResult> => {
    const r = { applied: true, mode, changed: true, verified: true, method: 'xrandr', previous: current.topology, ...result } as DisplayModeResult;
    if (r.applied) current.topology = mode as DisplayModeState['topology'];
    return r;
  });
  return { service: { query: vi.fn(async () => ({ ...current })), ensureDisplayMode: ensure } as unknown as DisplayModeService, ensure };
}

async function setup(options: Partial<Parameters<typeof createDisplayModule>[0]> = {}) {
  const settings = new SettingsService(new MemorySettingsStore(), 'fr-FR', new LogBook().logger('settings'));
  await settings.init();
  const events = new TypedEmitter<HostEvents>();
  const changed: unknown[] = [];
  const presented: unknown[] = [];
  events.on('display.changed', (s) => changed.push(s));
  events.on('present.state', (s) => presented.push(s));
  const files = new FileRegistry();
  const module = createDisplayModule({ runtime: 'electron', logBook: new LogBook(), events, settings, files, ...options });
  return { module, events, changed, presented, settings, files };
}

const call = <T>(h: unknown, input?: unknown) => (h as (i: unknown, ctx: { transport: 'electron' }) => Promise<T>)(input, { transport: 'electron' });

describe('display module: status and mode', () => {
  it('reports the environment, mode, and the projector display the tracker picked', async () => {
    const tracker = new ProjectorDisplayTracker();
    tracker.update([
      { id: 1, label: 'Built-in', bounds: { x: 0, y: 0, width: 1280, height: 800 }, scaleFactor: 2, internal: true, primary: true },
      { id: 2, label: 'EPSON PJ', bounds: { x: 1280, y: 0, width: 1024, height: 768 }, scaleFactor: 1, internal: false },
    ]);
    const { module } = await setup({ service: fakeService({ topology: 'duplicate' }).service, tracker });
    const status = await call<DisplayStatus>(module.handlers['display.status']);
    expect(status).toEqual({
      environment: 'x11',
      canApply: true,
      topology: 'duplicate',
      externalConnected: true,
      projector: { label: 'EPSON PJ', width: 1024, height: 768, confidence: 'high' },
      presentationAvailable: false,
      preferredMode: 'duplicate',
    });
    expect(DisplayStatus.safeParse(status).success).toBe(true);
  });

  it('switches the mode, answers an outcome with the new status, and emits display.changed', async () => {
    const { service, ensure } = fakeService({ topology: 'extend' });
    const { module, changed } = await setup({ service });
    const outcome = await call<DisplayModeOutcome>(module.handlers['display.setMode'], { mode: 'duplicate' });
    expect(ensure).toHaveBeenCalledWith('duplicate', { openSettings: true });
    expect(outcome).toMatchObject({ mode: 'duplicate', applied: true, changed: true, openedSettings: false, error: null, status: { topology: 'duplicate' } });
    expect(DisplayModeOutcome.safeParse(outcome).success).toBe(true);
    expect(changed).toHaveLength(1);
  });

  it('a mode the OS leaves to the teacher comes back as an outcome with the error and its guide', async () => {
    const { service } = fakeService({ environment: 'wayland', canApply: false }, { applied: false, reason: 'wayland', code: 'display.wayland_settings_opened', guide: 'guide:display-mode', openedSettings: true } as Partial<DisplayModeResult>);
    const { module } = await setup({ service });
    const outcome = await call<DisplayModeOutcome>(module.handlers['display.setMode'], { mode: 'extend' });
    expect(outcome).toMatchObject({ applied: false, openedSettings: true, error: { code: 'display.wayland_settings_opened', guide: 'guide:display-mode', params: { mode: 'extend' } } });
  });

  it('« Afficher mon écran »: the hook applies the mode and turns a failure into a warning (thrown ServiceError)', async () => {
    const ok = await setup({ service: fakeService({ topology: 'extend' }).service });
    await expect(ok.module.displayHook!({ mode: 'duplicate', signal: new AbortController().signal })).resolves.toBeUndefined();
    const failing = await setup({ service: fakeService({}, { applied: false, reason: 'no-external', code: 'display.no_external', guide: 'guide:display-mode', openedSettings: false } as Partial<DisplayModeResult>).service });
    await expect(failing.module.displayHook!({ mode: 'duplicate', signal: new AbortController().signal })).rejects.toMatchObject({ code: 'display.no_external', guide: 'guide:display-mode' });
  });

  it('the web preview has no display service by default: web-preview status, display.web_preview, no hook, no checks', async () => {
    const { module } = await setup({ runtime: 'web' });
    expect(module.service).toBeNull();
    expect(module.displayHook).toBeNull();
    expect(module.diagnostics()).toEqual({ checks: {}, fixes: {} });
    expect(await call<DisplayStatus>(module.handlers['display.status'])).toMatchObject({ environment: 'web-preview', canApply: false, topology: 'unknown' });
    await expect(call(module.handlers['display.setMode'], { mode: 'duplicate' })).rejects.toMatchObject({ code: 'display.web_preview' });
  });
});

describe('display.external check and display.duplicate fix', () => {
  const run = async (state: Partial<DisplayModeState>) => displayDiagnostics(fakeService(state).service).checks['display.external']!.run({ device: null, room: null, devices: [], signal: new AbortController().signal });

  it.each([
    [{ topology: 'duplicate' }, { status: 'pass', reason: 'duplicate' }],
    [{ topology: 'extend' }, { status: 'fail', reason: 'extend' }],
    [{ topology: 'external' }, { status: 'warn', reason: 'external_only', fixable: true }],
    [{ topology: 'internal' }, { status: 'fail', reason: 'internal_only' }],
    [{ topology: 'single', externalConnected: false }, { status: 'fail', reason: 'none', fixable: false }],
    [{ environment: 'macos', canApply: false, topology: 'unknown', externalConnected: null }, { status: 'skipped', reason: 'unsupported' }],
    [{ environment: 'wayland', canApply: false, topology: 'unknown', externalConnected: null }, { status: 'skipped', reason: 'unsupported' }],
  ] as const)('%j → %j', async (state, outcome) => {
    expect(await run(state)).toMatchObject(outcome);
  });

  it('the fix duplicates (opening the settings where it cannot) and fails with the OS reason', async () => {
    const { service, ensure } = fakeService({ topology: 'extend' });
    await displayDiagnostics(service).fixes['display.duplicate']!.run({ device: null, room: null, devices: [], signal: new AbortController().signal, params: {} });
    expect(ensure).toHaveBeenCalledWith('duplicate', { openSettings: true });
    const refused = fakeService({}, { applied: false, reason: 'macos', code: 'display.macos_settings_opened', guide: 'guide:display-mode', openedSettings: true } as Partial<DisplayModeResult>).service;
    await expect(displayDiagnostics(refused).fixes['display.duplicate']!.run({ device: null, room: null, devices: [], signal: new AbortController().signal, params: {} })).rejects.toMatchObject({ code: 'display.macos_settings_opened' });
  });
});

class FakePresentation extends TypedEmitter<{ state: PresentationState; ended: PresentationEndedInfo }> implements PresentationPort {
  state: PresentationState | null = null;
  readonly started: unknown[] = [];
  readonly commands: unknown[] = [];
  current() {
    return this.state;
  }
  async start(request: Parameters<PresentationPort['start']>[0]) {
    this.started.push(request);
    this.state = { ...initialPresentationState({ id: 'p1', kind: 'pdf', title: 'Leçon.pdf', displayId: 2, placement: 'projector' }), status: 'showing', pageCount: 3 };
    this.emit('state', this.state);
    return this.state;
  }
  async command(command: Parameters<PresentationPort['command']>[0]) {
    this.commands.push(command);
    this.state = { ...this.state!, page: 2 };
    this.emit('state', this.state);
    return this.state;
  }
  async stop() {
    const s = this.state!;
    this.state = null;
    this.emit('state', { ...s, status: 'ended' });
    this.emit('ended', { id: s.id, reason: 'display-removed', error: { code: 'display.presentation_display_removed' } });
  }
}

describe('presentation channels over the app’s presentation window', () => {
  it('starts a chosen file by id (never a path from the page), sends commands, and forwards state and end', async () => {
    const presentation = new FakePresentation();
    const { module, presented, files } = await setup({ service: null, presentation });
    const dir = await mkdtemp(join(tmpdir(), 'classe-present-'));
    await writeFile(join(dir, 'Leçon.pdf'), '%PDF-1.4\n');
    const file = await files.register(join(dir, 'Leçon.pdf'), 'picked');
    expect(await call(module.handlers['present.start'], { fileId: file.fileId })).toMatchObject({ kind: 'pdf', status: 'showing', placement: 'projector' });
    expect(presentation.started).toEqual([{ source: { type: 'file', path: join(dir, 'Leçon.pdf') }, displayId: null }]);
    expect(await call(module.handlers['present.command'], { command: 'goto', page: 2 })).toMatchObject({ page: 2 });
    expect(presentation.commands).toEqual([{ type: 'goto', page: 2 }]);
    expect(await call(module.handlers['present.current'])).toMatchObject({ id: 'p1' });
    expect(await call(module.handlers['present.stop'])).toEqual({ stopped: true });
    expect(presented.at(-1)).toMatchObject({ state: { status: 'ended' }, ended: { reason: 'display-removed', error: { code: 'display.presentation_display_removed' } } });
    for (const event of presented) expect(PresentationEvent.safeParse(event).success).toBe(true);
    expect((await call(module.handlers['display.status'])) as DisplayStatus).toMatchObject({ presentationAvailable: true });
  });

  it('maps every contract command to a presentation command', () => {
    expect(toPresentationCommand('black')).toEqual({ type: 'black', on: true });
    expect(toPresentationCommand('unblack')).toEqual({ type: 'black', on: false });
    expect(toPresentationCommand('goto', 4)).toEqual({ type: 'goto', page: 4 });
    expect(toPresentationCommand('toggle-black')).toEqual({ type: 'toggle-black' });
    expect(() => toPresentationCommand('explode')).toThrow(RangeError);
  });
});
