/**
 * The live diagnostics engine with fake checks and fixes (the real ones come from the PJLink and
 * display services and are tested there, and against the simulator once the host wires them).
 */
import { describe, expect, it } from 'vitest';
import type { Device, Room } from '../../../preload/contract/devices';
import { DiagnosticRun, type DiagnosticStep, type GuideDocument } from '../../../preload/contract/guide-document';
import { ServiceError } from '../../../main/services/core/errors';
import { bundledGuides } from '../../../main/services/guides/content-source';
import {
  DiagnosticsEngine,
  type CheckImplementation,
  type CheckOutcome,
  type CheckRegistry,
  type FixRegistry,
  type GuideLookup,
} from '../../../main/services/guides/diagnostics';
import { formatDiagnosticReport } from '../../../main/services/guides/diagnostics-report';
import { GuideLibrary } from '../../../main/services/guides/library';

const library = new GuideLibrary(bundledGuides(), { strict: true });
const ROOM: Room = { id: 'salle-3', name: 'Salle 3', school: 'École Jules-Ferry', source: 'demo' };

function device(id: string, name: string, kind: Device['kind'] = 'projector'): Device {
  return {
    id,
    name,
    kind,
    maker: 'Epson',
    model: 'EB-695Wi',
    room: ROOM.id,
    host: `10.1.2.${id.length}`,
    addresses: [],
    mac: null,
    capabilities: ['pjlink'],
    sources: ['demo'],
    reachability: 'online',
    lastSeen: 0,
    inInventory: true,
    endpoints: {},
  };
}

/** A projector as the checks see it: what a PJLink simulator would answer. */
class FakeProjector {
  reachable = true;
  power: 'standby' | 'on' | 'warming' | 'cooling' = 'standby';
  input = '11';
  expected = '31';
  muted = true;
  calls: string[] = [];
}

function fakes(projectors: Record<string, FakeProjector>, display = { mode: 'duplicate' as 'duplicate' | 'extend' }) {
  const of = (d: Device | null) => {
    const p = d ? projectors[d.id] : undefined;
    if (!p) throw new Error(`unknown device ${d?.id}`);
    return p;
  };
  const checks: CheckRegistry = {
    'projector.reachable': { run: async ({ device }) => (of(device).reachable ? { status: 'pass', reason: 'ok' } : { status: 'fail', reason: 'unreachable', detail: 'connect ETIMEDOUT 10.1.2.3:4352' }) },
    'projector.power': {
      run: async ({ device }) => {
        const p = of(device);
        if (p.power === 'on') return { status: 'pass', reason: 'on' };
        if (p.power === 'standby') return { status: 'fail', reason: 'standby' };
        return { status: 'warn', reason: p.power === 'warming' ? 'warming' : 'cooling' };
      },
    },
    'projector.input': {
      run: async ({ device }): Promise<CheckOutcome> => {
        const p = of(device);
        return p.input === p.expected
          ? { status: 'pass', reason: 'ok', params: { input: 'HDMI 1' } }
          : { status: 'fail', reason: 'wrong', params: { current: 'Ordinateur', expected: 'HDMI 1' }, fixParams: { input: p.expected } };
      },
    },
    // A class 1 projector: it cannot say whether it receives a picture.
    'projector.signal': { run: async () => ({ status: 'skipped', reason: 'unsupported' }) },
    'projector.mute': { run: async ({ device }) => (of(device).muted ? { status: 'fail', reason: 'on' } : { status: 'pass', reason: 'off' }) },
    'display.external': {
      run: async () => (display.mode === 'duplicate' ? { status: 'pass', reason: 'duplicate' } : { status: 'fail', reason: 'extend' }),
    },
  };
  const fixes: FixRegistry = {
    'projector.powerOn': {
      run: async ({ device }) => {
        const p = of(device);
        p.calls.push('powerOn');
        p.power = 'on';
      },
    },
    'projector.selectInput': {
      run: async ({ device, params }) => {
        const p = of(device);
        p.calls.push(`selectInput ${params.input}`);
        p.input = String(params.input);
      },
    },
    'projector.unmute': {
      run: async ({ device }) => {
        const p = of(device);
        p.calls.push('unmute');
        p.muted = false;
      },
    },
    'display.duplicate': {
      run: async () => {
        display.mode = 'duplicate';
      },
    },
  };
  return { checks, fixes };
}

function engine(opts: { checks: CheckRegistry; fixes: FixRegistry; devices: Device[]; guides?: GuideLookup; checkTimeoutMs?: number; room?: Room | null }) {
  return new DiagnosticsEngine({
    checks: opts.checks,
    fixes: opts.fixes,
    guides: opts.guides ?? library,
    room: () => ({ room: opts.room === undefined ? ROOM : opts.room, devices: opts.devices }),
    now: () => Date.parse('2025-03-14T08:25:00Z'),
    ...(opts.checkTimeoutMs ? { checkTimeoutMs: opts.checkTimeoutMs } : {}),
  });
}

/** A guide lookup with one made-up guide declaring the given diagnostics. */
function guideWith(diagnostics: DiagnosticStep[]): GuideLookup {
  const base = library.get('no-signal', 'fr')!;
  const doc: GuideDocument = { ...base, id: 'test-guide', diagnostics, hasDiagnostics: diagnostics.length > 0 };
  return { get: (id) => (id === 'test-guide' ? doc : null) };
}

const summary = (run: DiagnosticRun) => run.items.map((i) => `${i.check}:${i.status}${i.fix ? `→${i.fix}` : ''}`);

describe('DiagnosticsEngine', () => {
  it('finds the three faults of a projector in standby, on the wrong input and muted; « Réparer » each turns them green', async () => {
    const vp = new FakeProjector();
    const { checks, fixes } = fakes({ vp1: vp });
    const e = engine({ checks, fixes, devices: [device('vp1', 'Vidéoprojecteur salle 3'), device('tv', 'Téléviseur', 'cast-receiver')] });

    let run = await e.run('no-signal', 'fr');
    expect(DiagnosticRun.safeParse(run).success).toBe(true);
    expect(summary(run)).toEqual([
      'projector.reachable:pass',
      'projector.power:fail→projector.powerOn',
      'projector.input:fail→projector.selectInput',
      'projector.signal:skipped',
      'projector.mute:fail→projector.unmute',
      'display.external:pass',
    ]);
    expect(run.items.filter((i) => i.status === 'fail')).toHaveLength(3);
    expect(run.items[2]).toMatchObject({
      key: 'projector.input@vp1',
      deviceName: 'Vidéoprojecteur salle 3',
      messageKey: 'check.projector.input.wrong',
      params: { current: 'Ordinateur', expected: 'HDMI 1' },
      anchor: 'input',
    });
    expect(run.finishedAt).not.toBeNull();

    run = await e.fix(run.id, 'projector.power@vp1');
    expect(vp.power).toBe('on');
    expect(summary(run).slice(1, 3)).toEqual(['projector.power:pass', 'projector.input:fail→projector.selectInput']);

    run = await e.fix(run.id, 'projector.input@vp1');
    expect(vp.calls).toContain('selectInput 31');
    run = await e.fix(run.id, 'projector.mute@vp1');

    expect(summary(run)).toEqual([
      'projector.reachable:pass',
      'projector.power:pass',
      'projector.input:pass',
      'projector.signal:skipped',
      'projector.mute:pass',
      'display.external:pass',
    ]);
    expect(vp.calls).toEqual(['powerOn', 'selectInput 31', 'unmute']);
  });

  it('runs one line per projector of the room, and one for the computer', async () => {
    const a = new FakeProjector();
    const b = Object.assign(new FakeProjector(), { power: 'on', input: '31', muted: false });
    const { checks, fixes } = fakes({ a, b });
    const e = engine({ checks, fixes, devices: [device('b', 'VPI'), device('a', 'Vidéoprojecteur')] });
    const run = await e.run('prepare-lesson');
    expect(run.items.map((i) => i.key)).toEqual([
      'projector.reachable@a',
      'projector.reachable@b',
      'projector.power@a',
      'projector.power@b',
      'projector.input@a',
      'projector.input@b',
      'projector.mute@a',
      'projector.mute@b',
      'display.external@computer',
    ]);
    expect(run.items.filter((i) => i.deviceId === 'b').every((i) => i.status === 'pass')).toBe(true);
  });

  it('does not check what depends on a failed check, and checks it again once that is fixed', async () => {
    const vp = Object.assign(new FakeProjector(), { reachable: false });
    const { checks, fixes } = fakes({ vp1: vp });
    const e = engine({ checks, fixes, devices: [device('vp1', 'VP')] });
    const first = await e.run('no-signal');
    expect(summary(first)).toEqual([
      'projector.reachable:fail',
      'projector.power:skipped',
      'projector.input:skipped',
      'projector.signal:skipped',
      'projector.mute:skipped',
      'display.external:pass',
    ]);
    expect(first.items[1]).toMatchObject({ messageKey: 'engine.after_failure', params: { check: 'projector.reachable' }, fix: null });
    expect(first.items[0]!.detail).toBe('connect ETIMEDOUT 10.1.2.3:4352');
    // No fix is offered for an unreachable projector: the guide explains what to do.
    await expect(e.fix(first.id, 'projector.reachable@vp1')).rejects.toMatchObject({ code: 'guides.fix_unavailable' });
  });

  it('keeps a fix failure visible next to the re-checked result', async () => {
    const vp = new FakeProjector();
    const { checks, fixes } = fakes({ vp1: vp });
    fixes['projector.powerOn'] = {
      run: async () => {
        throw new ServiceError('pjlink.unavailable', { guide: 'guide:power-lamp', detail: 'POWR=ERR3' });
      },
    };
    const e = engine({ checks, fixes, devices: [device('vp1', 'VP')] });
    const run = await e.fix((await e.run('no-signal')).id, 'projector.power@vp1');
    expect(run.items[1]).toMatchObject({
      status: 'fail',
      fix: 'projector.powerOn',
      fixError: { code: 'pjlink.unavailable', guide: 'guide:power-lamp', detail: 'POWR=ERR3' },
    });
  });

  it('reports checks that hang, throw, are not available here or give an unknown reason', async () => {
    const never: CheckImplementation = { run: () => new Promise<CheckOutcome>(() => {}) };
    const checks: CheckRegistry = {
      'projector.reachable': { run: async () => ({ status: 'pass', reason: 'ok' }) },
      'projector.power': never,
      'projector.input': {
        run: async () => {
          throw new ServiceError('pjlink.protocol', { detail: 'bad reply "%1INPT=?"' });
        },
      },
      'projector.mute': { run: async () => ({ status: 'fail', reason: 'exploded', params: { x: '\u0007bell' } }) },
    };
    const guides = guideWith([
      { check: 'projector.reachable', fix: null, step: null },
      { check: 'projector.power', fix: null, step: null },
      { check: 'projector.input', fix: null, step: null },
      { check: 'projector.errors', fix: null, step: null },
      { check: 'projector.mute', fix: 'projector.unmute', step: null },
    ]);
    const e = engine({ checks, fixes: {}, devices: [device('vp1', 'VP')], guides, checkTimeoutMs: 30 });
    const run = await e.run('test-guide');
    expect(run.items.map((i) => [i.status, i.messageKey])).toEqual([
      ['pass', 'check.projector.reachable.ok'],
      ['error', 'engine.timeout'],
      ['error', 'engine.crashed'],
      ['skipped', 'engine.not_available'],
      ['fail', 'engine.unknown_reason'],
    ]);
    expect(run.items[2]!.detail).toBe('pjlink.protocol: bad reply "%1INPT=?"');
    expect(run.items[4]!.params).toEqual({ reason: 'exploded' });
    // The guide pairs mute with unmute, but no unmute is registered here: no « Réparer » button.
    expect(run.items[4]!.fix).toBeNull();
  });

  it('says when the room has no projector', async () => {
    const { checks, fixes } = fakes({});
    const e = engine({ checks, fixes, devices: [device('tv', 'Téléviseur', 'cast-receiver')], room: null });
    const run = await e.run('no-signal');
    expect(run.roomId).toBeNull();
    expect(run.items.map((i) => [i.key, i.status, i.messageKey])).toEqual([
      ['projector.reachable@none', 'skipped', 'engine.no_projector'],
      ['projector.power@none', 'skipped', 'engine.no_projector'],
      ['projector.input@none', 'skipped', 'engine.no_projector'],
      ['projector.signal@none', 'skipped', 'engine.no_projector'],
      ['projector.mute@none', 'skipped', 'engine.no_projector'],
      ['display.external@computer', 'pass', 'check.display.external.duplicate'],
    ]);
  });

  it('offers a fix on a warning only when the check says it may, and sanitises what checks return', async () => {
    const checks: CheckRegistry = {
      'projector.power': { run: async () => ({ status: 'warn', reason: 'warming', params: { seconds: 25 } }) },
      'projector.input': {
        run: async () => ({ status: 'warn', reason: 'unknown_expected', fixable: true, params: { current: 'HDMI\u202e1\u0000 <b>x</b>' }, detail: 'a'.repeat(5000) }),
      },
    };
    const fixes: FixRegistry = { 'projector.powerOn': { run: async () => {} }, 'projector.selectInput': { run: async () => {} } };
    const guides = guideWith([
      { check: 'projector.power', fix: 'projector.powerOn', step: null },
      { check: 'projector.input', fix: 'projector.selectInput', step: null },
    ]);
    const run = await engine({ checks, fixes, devices: [device('vp1', 'VP')], guides }).run('test-guide');
    expect(run.items[0]).toMatchObject({ status: 'warn', fix: null, params: { seconds: 25 } });
    expect(run.items[1]).toMatchObject({ status: 'warn', fix: 'projector.selectInput', params: { current: 'HDMI1 <b>x</b>' } });
    expect(run.items[1]!.detail!.length).toBeLessThanOrEqual(500);
    expect(DiagnosticRun.safeParse(run).success).toBe(true);
  });

  it('emits every change, returns at once from start(), and serialises a fix after the running checks', async () => {
    const vp = new FakeProjector();
    const { checks, fixes } = fakes({ vp1: vp });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slowMute = checks['projector.mute']!;
    checks['projector.mute'] = { run: async (ctx) => (await gate, slowMute.run(ctx)) };
    const e = engine({ checks, fixes, devices: [device('vp1', 'VP')] });
    const seen: DiagnosticRun[] = [];
    e.on('updated', (r) => seen.push(r));

    const started = await e.start('no-signal');
    expect(started.finishedAt).toBeNull();
    expect(started.items.every((i) => i.status === 'pending' || i.status === 'running' || i.status === 'pass')).toBe(true);
    const fixing = e.fix(started.id, 'projector.power@vp1');
    await new Promise((r) => setTimeout(r, 10));
    // The fix waits for the checks that are still running.
    expect(vp.calls).toEqual([]);
    release();
    const done = await fixing;
    expect(vp.calls).toEqual(['powerOn']);
    expect(done.items[1]!.status).toBe('pass');
    expect(seen.some((r) => r.items.some((i) => i.status === 'running'))).toBe(true);
    expect(seen.some((r) => r.items.some((i) => i.status === 'fixing'))).toBe(true);
    expect(seen[seen.length - 1]!.finishedAt).not.toBeNull();
    expect(e.get(started.id)).toEqual(done);
  });

  it('stops a run that is cancelled, and says which checks were not done', async () => {
    const { checks, fixes } = fakes({ vp1: new FakeProjector() });
    checks['projector.power'] = { run: ({ signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))) };
    const e = engine({ checks, fixes, devices: [device('vp1', 'VP')] });
    const powerRunning = new Promise<void>((resolve) => e.on('updated', (r) => r.items[1]?.status === 'running' && resolve()));
    const started = await e.start('no-signal');
    await powerRunning;
    e.cancel(started.id);
    const run = await e.whenIdle(started.id);
    expect(run.items.map((i) => [i.status, i.messageKey])).toEqual([
      ['pass', 'check.projector.reachable.ok'],
      ['skipped', 'engine.cancelled'],
      ['skipped', 'engine.cancelled'],
      ['skipped', 'engine.cancelled'],
      ['skipped', 'engine.cancelled'],
      ['skipped', 'engine.cancelled'],
    ]);
    expect(run.finishedAt).not.toBeNull();
  });

  it('refuses unknown guides, guides without diagnostics and unknown runs', async () => {
    const { checks, fixes } = fakes({});
    const e = engine({ checks, fixes, devices: [] });
    await expect(e.start('nope')).rejects.toMatchObject({ code: 'guides.not_found' });
    await expect(e.start('wifi-off')).rejects.toMatchObject({ code: 'guides.no_diagnostics' });
    await expect(e.fix('diag-x', 'projector.power@vp1')).rejects.toMatchObject({ code: 'guides.run_not_found' });
    expect(e.get('diag-x')).toBeNull();
  });
});

describe('diagnostic report for IT', () => {
  async function sampleRun() {
    const vp = new FakeProjector();
    const { checks, fixes } = fakes({ vp1: vp }, { mode: 'extend' });
    fixes['projector.unmute'] = {
      run: async () => {
        throw new ServiceError('guides.cancelled', { detail: 'AVMT=ERR2' });
      },
    };
    const devices = [device('vp1', 'Vidéoprojecteur salle 3')];
    const e = engine({ checks, fixes, devices });
    const run = await e.run('no-signal');
    return { run: await e.fix(run.id, 'projector.mute@vp1'), devices };
  }

  it('writes the results in French, with symbols, codes, addresses and fix errors', async () => {
    const { run, devices } = await sampleRun();
    const text = await formatDiagnosticReport(run, { lang: 'fr', guideTitle: library.get('no-signal', 'fr')!.title, devices, app: 'Classe numérique 0.1.0' });
    expect(text).toBe(
      [
        'Classe numérique\u202f: diagnostic',
        'Guide\u202f: «\u202fPas de signal\u202f»\u202f: les vérifications dans l’ordre (no-signal)',
        'Salle\u202f: Salle 3 (salle-3)',
        'Date\u202f: 2025-03-14T08:25:00.000Z',
        'Application\u202f: Classe numérique 0.1.0',
        '',
        'Résultats\u202f:',
        '✓ Le vidéoprojecteur répond sur le réseau. (Vidéoprojecteur salle 3, EB-695Wi, 10.1.2.3)',
        '    [projector.reachable: pass, ok]',
        '✗ Le vidéoprojecteur est en veille\u202f: il faut l’allumer. (Vidéoprojecteur salle 3, EB-695Wi, 10.1.2.3)',
        '    [projector.power: fail, standby]',
        '    Réparation proposée\u202f: Allumer le vidéoprojecteur [projector.powerOn]',
        '✗ Le vidéoprojecteur affiche la source Ordinateur au lieu de HDMI 1. (Vidéoprojecteur salle 3, EB-695Wi, 10.1.2.3)',
        '    [projector.input: fail, wrong]',
        '    Réparation proposée\u202f: Choisir la bonne source [projector.selectInput]',
        '– Ce vidéoprojecteur ne sait pas dire s’il reçoit une image. (Vidéoprojecteur salle 3, EB-695Wi, 10.1.2.3)',
        '    [projector.signal: skipped, unsupported]',
        '✗ L’image est masquée\u202f: le vidéoprojecteur affiche du noir exprès. (Vidéoprojecteur salle 3, EB-695Wi, 10.1.2.3)',
        '    [projector.mute: fail, on]',
        '    Réparation proposée\u202f: Afficher l’image de nouveau [projector.unmute]',
        '    La réparation a échoué\u202f: Le diagnostic a été arrêté. [guides.cancelled]',
        '    Détails\u202f: AVMT=ERR2',
        '✗ L’ordinateur étend son bureau\u202f: le vidéoprojecteur montre un deuxième bureau, pas votre écran. (cet ordinateur)',
        '    [display.external: fail, extend]',
        '    Réparation proposée\u202f: Dupliquer l’écran [display.duplicate]',
        '',
      ].join('\n'),
    );
  });

  it('writes the same results in English, and never a placeholder key', async () => {
    const { run, devices } = await sampleRun();
    const text = await formatDiagnosticReport(run, { lang: 'en', guideTitle: library.get('no-signal', 'en')!.title, devices });
    expect(text).toContain('Guide: “No signal”: the checks, in order (no-signal)');
    expect(text).toContain('✗ The projector is in standby: it needs to be turned on. (Vidéoprojecteur salle 3, EB-695Wi, 10.1.2.3)');
    expect(text).toContain('    Fix offered: Turn the projector on [projector.powerOn]');
    expect(text).toContain('    The fix failed: The diagnostic was stopped. [guides.cancelled]');
    expect(text).not.toMatch(/check\.|engine\.|\{\{/);
  });

  it('shows a fix error code alone when no catalog has its text', async () => {
    const vp = new FakeProjector();
    const { checks, fixes } = fakes({ vp1: vp });
    fixes['projector.powerOn'] = {
      run: async () => {
        throw new ServiceError('zz.unknown_thing');
      },
    };
    const e = engine({ checks, fixes, devices: [device('vp1', 'VP')] });
    const run = await e.fix((await e.run('no-signal')).id, 'projector.power@vp1');
    const text = await formatDiagnosticReport(run, { lang: 'fr', guideTitle: 'x' });
    expect(text).toContain('    La réparation a échoué\u202f: zz.unknown_thing\n');
  });
});

