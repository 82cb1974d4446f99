/**
 * Ready-made simulated devices: a standard class 2 projector, an Epson-like interactive projector
 * (VPI: HDMI 32, USB Display 53, Whiteboard 55, Screen Mirroring 57, with INNM names) and a flat
 * screen that speaks PJLink class 1 (no lamp, no filter, a few seconds to wake up).
 */
import type { SimulatedProjectorOptions } from './pjlink-projector';

export function standardProjector(overrides: SimulatedProjectorOptions = {}): SimulatedProjectorOptions {
  return {
    pjlinkClass: 2,
    name: 'Vidéoprojecteur',
    manufacturer: 'Simulateur',
    model: 'PJ-2000',
    inputs: [
      { code: '11', name: 'Ordinateur', signal: null },
      { code: '31', name: 'HDMI 1', signal: { width: 1920, height: 1080 } },
      { code: '32', name: 'HDMI 2', signal: null },
      { code: '52', name: 'LAN', signal: null },
    ],
    input: '11',
    warmupMs: 20_000,
    coolingMs: 15_000,
    lampHours: 1850,
    filterHours: 420,
    replacementLamp: 'LMP-2000',
    replacementFilter: 'FLT-2000',
    ...overrides,
  };
}

export function interactiveProjector(overrides: SimulatedProjectorOptions = {}): SimulatedProjectorOptions {
  return {
    pjlinkClass: 2,
    name: 'Vidéoprojecteur interactif',
    manufacturer: 'Simulateur',
    model: 'VPI-695Wi',
    inputs: [
      { code: '32', name: 'HDMI1', signal: { width: 1280, height: 800 } },
      { code: '53', name: 'USB Display', signal: null },
      { code: '55', name: 'Whiteboard', signal: { width: 1280, height: 800 } },
      { code: '57', name: 'Screen Mirroring', signal: null },
    ],
    input: '55',
    warmupMs: 25_000,
    coolingMs: 20_000,
    lampHours: 3200,
    filterHours: 900,
    replacementLamp: 'LMP-695',
    replacementFilter: 'FLT-695',
    ...overrides,
  };
}

export function flatScreen(overrides: SimulatedProjectorOptions = {}): SimulatedProjectorOptions {
  return {
    pjlinkClass: 1,
    name: 'Écran',
    manufacturer: 'Simulateur',
    model: 'TV-65',
    inputs: [
      { code: '31', signal: { width: 3840, height: 2160 } },
      { code: '32', signal: null },
      { code: '33', signal: null },
    ],
    input: '31',
    warmupMs: 3000,
    coolingMs: 1000,
    lampHours: null,
    filterHours: null,
    ...overrides,
  };
}
