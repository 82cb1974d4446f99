/**
 * `classe simulate` in-process (no build needed): its projectors start in standby and answer ERR3 to
 * INPT?/AVMT? there, or, with `--answer-in-standby`, tell the stored input and mute (real TCP, real PJLink).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/run';
import { ProjectorManager } from '../../../main/services/pjlink/manager';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

/** Starts `classe simulate --json …` until the test ends; returns the first projector's port. */
async function simulate(...args: string[]): Promise<number> {
  const controller = new AbortController();
  let stdout = '';
  const done = runCli(['simulate', '--json', '--count', '1', ...args], { stdout: (s) => (stdout += s), stderr: () => {}, env: { LANG: 'fr_FR.UTF-8' }, signal: controller.signal });
  stops.push(async () => {
    controller.abort();
    expect(await done).toBe(0);
  });
  await expect.poll(() => stdout.includes('"type":"ready"'), { timeout: 10_000 }).toBe(true);
  const line = stdout.split('\n').map((l) => (l ? JSON.parse(l) : null)).find((l) => l?.type === 'projector');
  return line.port as number;
}

async function client(port: number) {
  const manager = new ProjectorManager({});
  stops.push(() => manager.dispose());
  return manager.client({ host: '127.0.0.1', port });
}

describe('classe simulate in standby', () => {
  it('answers ERR3 to the input and mute queries by default', async () => {
    const c = await client(await simulate());
    expect(await c.power()).toBe('standby');
    await expect(c.input()).rejects.toMatchObject({ code: 'pjlink.unavailable' });
    await expect(c.mute()).rejects.toMatchObject({ code: 'pjlink.unavailable' });
  });

  it('--answer-in-standby: tells the stored input and mute', async () => {
    const c = await client(await simulate('--answer-in-standby'));
    expect(await c.power()).toBe('standby');
    expect(await c.input()).toBe('11');
    expect(await c.mute()).toEqual({ video: false, audio: false });
  });
});
