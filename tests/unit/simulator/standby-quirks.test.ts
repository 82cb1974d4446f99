/**
 * The simulator's standby behaviours (PJLink leaves them to the device): by default INPT/AVMT answer
 * ERR3 in standby and switching off or on clears the mute; the quirks model projectors that tell their
 * stored input and mute in standby, accept them in standby, or keep the mute across power-on.
 * Pure: `handle()` answers one request line without any socket.
 */
import { describe, expect, it } from 'vitest';
import { SimulatedProjector, type SimulatorQuirks } from '../../../main/services/simulator/pjlink-projector';

function projector(quirks: SimulatorQuirks = {}): SimulatedProjector {
  return new SimulatedProjector({ power: 'on', input: '31', warmupMs: 0, coolingMs: 0, quirks });
}

/** On, on input 11, muted, then standby (instantly). */
function mutedThenStandby(sim: SimulatedProjector): void {
  expect(sim.handle('%1INPT 11')).toBe('%1INPT=OK');
  expect(sim.handle('%1AVMT 31')).toBe('%1AVMT=OK');
  sim.setPower('standby');
}

describe('SimulatedProjector in standby', () => {
  it('answers ERR3 to INPT and AVMT queries and commands by default, and forgets the mute', () => {
    const sim = projector();
    mutedThenStandby(sim);
    expect(sim.handle('%1INPT ?')).toBe('%1INPT=ERR3');
    expect(sim.handle('%1AVMT ?')).toBe('%1AVMT=ERR3');
    expect(sim.handle('%1INPT 31')).toBe('%1INPT=ERR3');
    expect(sim.handle('%1AVMT 30')).toBe('%1AVMT=ERR3');
    expect(sim.snapshot()).toMatchObject({ power: 'standby', input: '11', mute: { video: false, audio: false } });
    sim.setPower('on');
    expect(sim.handle('%1AVMT ?')).toBe('%1AVMT=30');
  });

  it("standbyQueries 'answer': tells the stored input and mute, but still refuses commands (ERR3)", () => {
    const sim = projector({ standbyQueries: 'answer', muteSurvivesPowerOn: true });
    mutedThenStandby(sim);
    expect(sim.handle('%1INPT ?')).toBe('%1INPT=11');
    expect(sim.handle('%1AVMT ?')).toBe('%1AVMT=31');
    expect(sim.handle('%1INPT 31')).toBe('%1INPT=ERR3');
    expect(sim.handle('%1AVMT 30')).toBe('%1AVMT=ERR3');
    // Only INPT and AVMT: there is no picture to freeze or measure in standby.
    expect(sim.handle('%2FREZ ?')).toBe('%2FREZ=ERR3');
    expect(sim.handle('%2IRES ?')).toBe('%2IRES=ERR3');
  });

  it("standbyQueries 'answer' without muteSurvivesPowerOn: the mute read in standby is off", () => {
    const sim = projector({ standbyQueries: 'answer' });
    mutedThenStandby(sim);
    expect(sim.handle('%1INPT ?')).toBe('%1INPT=11');
    expect(sim.handle('%1AVMT ?')).toBe('%1AVMT=30');
  });

  it("standbyCommands 'accept': input and mute set in standby are kept for the next power-on", () => {
    const sim = projector({ standbyQueries: 'answer', standbyCommands: 'accept', muteSurvivesPowerOn: true });
    mutedThenStandby(sim);
    expect(sim.handle('%1INPT 31')).toBe('%1INPT=OK');
    expect(sim.handle('%1AVMT 10')).toBe('%1AVMT=OK');
    expect(sim.handle('%1INPT 99')).toBe('%1INPT=ERR2');
    expect(sim.snapshot()).toMatchObject({ power: 'standby', input: '31', mute: { video: false, audio: true } });
    sim.setPower('on');
    expect(sim.handle('%1INPT ?')).toBe('%1INPT=31');
    expect(sim.handle('%1AVMT ?')).toBe('%1AVMT=21');
  });

  it('muteSurvivesPowerOn: the picture is still masked after a real warm-up and cooling', async () => {
    const sim = new SimulatedProjector({ power: 'on', warmupMs: 5, coolingMs: 5, quirks: { muteSurvivesPowerOn: true } });
    expect(sim.handle('%1AVMT 11')).toBe('%1AVMT=OK');
    expect(sim.handle('%1POWR 0')).toBe('%1POWR=OK');
    await until(() => sim.snapshot().power === 'standby');
    expect(sim.handle('%1POWR 1')).toBe('%1POWR=OK');
    expect(sim.handle('%1AVMT ?')).toBe('%1AVMT=ERR3');
    await until(() => sim.snapshot().power === 'on');
    expect(sim.handle('%1AVMT ?')).toBe('%1AVMT=11');
  });

  it('stays in the ERR3 state while warming up or cooling down, whatever the quirks', () => {
    const sim = new SimulatedProjector({ power: 'on', warmupMs: 60_000, coolingMs: 60_000, quirks: { standbyQueries: 'answer', standbyCommands: 'accept' } });
    expect(sim.handle('%1POWR 0')).toBe('%1POWR=OK');
    expect(sim.handle('%1INPT ?')).toBe('%1INPT=ERR3');
    sim.setPower('warming');
    expect(sim.handle('%1AVMT 30')).toBe('%1AVMT=ERR3');
    sim.setPower('standby');
  });

  it('setQuirks switches the behaviour at run time and resetQuirks restores the constructed ones', () => {
    const sim = projector();
    mutedThenStandby(sim);
    sim.setQuirks({ standbyQueries: 'answer', muteSurvivesPowerOn: true });
    sim.setInput('32');
    sim.setMute({ video: true, audio: true });
    expect(sim.handle('%1INPT ?')).toBe('%1INPT=32');
    expect(sim.handle('%1AVMT ?')).toBe('%1AVMT=31');
    sim.resetQuirks();
    expect(sim.handle('%1INPT ?')).toBe('%1INPT=ERR3');
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(condition()).toBe(true);
}
