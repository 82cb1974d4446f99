/**
 * `classe projector` against a simulated class 2 projector on loopback (real TCP, real PJLink), in
 * process, and `classe simulate` as IT runs it (the built command, a child process).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedProjector } from '../../../main/services/simulator/pjlink-projector';
import { standardProjector } from '../../../main/services/simulator/presets';
import { classe } from '../../support/cli';

let sim: SimulatedProjector;
let port: number;
const PASSWORD = 'JBMIAProjectorLink';

beforeAll(async () => {
  sim = new SimulatedProjector(standardProjector({ name: 'VP salle 12', pjlinkClass: 2, password: PASSWORD, host: '127.0.0.1', port: 0, warmupMs: 600, coolingMs: 300 }));
  ({ port } = await sim.start());
});
afterAll(async () => {
  await sim.stop();
});

const run = (...args: string[]) => classe(['projector', '127.0.0.1', ...args, '--port', String(port), '--password', PASSWORD]);

describe('classe projector', () => {
  it('shows the screen from standby (power on, warm-up, input, unmute) and says so', async () => {
    const r = await run('show', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, host: '127.0.0.1', port, action: 'show' });
    const human = await run('status');
    expect(human.stdout).toContain('VP salle 12');
    expect(human.stdout).toContain('Alimentation\u202f: Allumé');
    expect(human.stdout).not.toContain(PASSWORD);
  });

  it('gives the status as stable JSON', async () => {
    const r = await run('status', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ ok: true, info: { name: 'VP salle 12', pjlinkClass: 2 }, status: { reachable: true, power: 'on', mute: { video: false, audio: false } } });
    expect(Object.keys(out.status).sort()).toEqual(['alerts', 'filterHours', 'freeze', 'hasLamp', 'input', 'lampHours', 'mute', 'pjlinkClass', 'power', 'problem', 'reachable', 'resolution', 'signal', 'updatedAt']);
    expect(Array.isArray(out.inputs)).toBe(true);
  });

  it('blanks, unblanks, freezes and changes the source by name', async () => {
    expect((await run('blank')).code).toBe(0);
    expect(sim.snapshot().mute).toEqual({ video: true, audio: true });
    expect((await run('unblank')).code).toBe(0);
    expect((await run('freeze')).code).toBe(0);
    expect(sim.snapshot().freeze).toBe(true);
    expect((await run('unfreeze')).code).toBe(0);
    const inputs = JSON.parse((await run('inputs', '--json')).stdout).inputs as { code: string; name: string | null }[];
    const other = inputs.find((i) => i.code !== sim.snapshot().input && i.name)!;
    const r = await run('input', other.name!);
    expect(r.code).toBe(0);
    expect(sim.snapshot().input).toBe(other.code);
  });

  it('switches off (cooling) and reports it', async () => {
    const r = await run('off');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Le vidéoprojecteur est éteint.');
    expect(['standby', 'cooling']).toContain(sim.snapshot().power);
  });

  it('says the password is wrong, in French and in JSON, with its guide, exit 1', async () => {
    const r = await classe(['projector', '127.0.0.1', 'status', '--port', String(port), '--password', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('mot de passe');
    const j = await classe(['projector', '127.0.0.1', 'status', '--port', String(port), '--password', 'nope', '--json']);
    expect(JSON.parse(j.stdout)).toMatchObject({ ok: false, error: { code: 'pjlink.auth_failed', guide: 'guide:pjlink-password' } });
  });

  it('says a host that does not answer is unreachable, with the standby guide', async () => {
    const j = await classe(['projector', '127.0.0.1', 'status', '--port', '1', '--json']);
    expect(j.code).toBe(1);
    expect(JSON.parse(j.stdout)).toMatchObject({ ok: false, error: { guide: 'guide:standby-network' } });
  });

  it('refuses unknown commands and bad ports with exit 2', async () => {
    expect((await classe(['projector', '127.0.0.1', 'explode'])).code).toBe(2);
    expect((await classe(['projector', '127.0.0.1', 'status', '--port', 'x'])).code).toBe(2);
    expect((await classe(['projector', '127.0.0.1', 'input'])).code).toBe(2);
  });
});

describe('classe simulate (built command)', () => {
  it('starts N simulated projectors, lists them as JSON lines, and stops on Ctrl-C', async () => {
    const child = spawn(process.execPath, [join(import.meta.dirname, '..', '..', '..', 'bin', 'classe.mjs'), 'simulate', '--count', '2', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await expect.poll(() => out.includes('"type":"ready"'), { timeout: 15_000 }).toBe(true);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.type === 'projector')).toHaveLength(2);
    const { port: simPort } = lines[0];
    const status = await classe(['projector', '127.0.0.1', 'status', '--port', String(simPort), '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ ok: true, status: { reachable: true } });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
