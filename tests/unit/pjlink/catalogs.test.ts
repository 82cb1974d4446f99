/**
 * The texts behind every PJLink error code, action step and input type exist in French and English,
 * use the same placeholders, follow French typography, and point to guides that exist.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PJLINK_ERRORS } from '../../../main/services/pjlink/errors';
import { ACTION_KINDS, ACTION_STEPS } from '../../../main/services/actions/types';
import { ERROR_COMPONENTS, INPUT_TYPES } from '../../../main/services/pjlink/codec';
import { DEMO_DEVICE_IDS, DEMO_FAULTS } from '../../../main/services/simulator/demo-classroom';

const ROOT = join(import.meta.dirname, '..', '..', '..', 'assets', 'i18n');
const load = (path: string): Record<string, unknown> => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Record<string, unknown>;
const GUIDES = [
  'no-signal', 'choose-source', 'display-mode', 'blurry-image', 'resolution', 'hdmi-sound', 'vpi-cables', 'vpi-pen', 'vpi-calibrate', 'power-lamp',
  'lamp-filter', 'shuts-down', 'wifi-off', 'prepare-lesson', 'wireless', 'contact-it', 'pjlink-password', 'standby-network', 'cast-failed',
];

function strings(obj: unknown, prefix = ''): [string, string][] {
  if (typeof obj === 'string') return [[prefix, obj]];
  return Object.entries(obj as Record<string, unknown>).flatMap(([k, v]) => strings(v, prefix ? `${prefix}.${k}` : k));
}
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe.each(['errors/pjlink.json', 'actions.json', 'pjlink.json', 'simulator.json'])('%s', (file) => {
  const fr = Object.fromEntries(strings(load(`fr/${file}`)));
  const en = Object.fromEntries(strings(load(`en/${file}`)));

  it('has the same keys and placeholders in French and English', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(fr)) expect(placeholders(fr[key]!), key).toEqual(placeholders(en[key]!));
  });

  it('follows French typography (no plain space before : ; ! ?, « » with no-break spaces)', () => {
    for (const [key, text] of Object.entries(fr)) {
      expect(text, key).not.toMatch(/ [:;!?]/);
      expect(text, key).not.toMatch(/[^\u202f\u00a0][:;!?](\s|$)/u);
      expect(text, key).not.toMatch(/« |«[^\u202f\u00a0]| »|[^\u202f\u00a0]»/u);
      expect(text, key).not.toContain("'");
    }
  });
});

describe('coverage of the codes', () => {
  it('every pjlink error code has a text, and every guide exists', () => {
    const fr = load('fr/errors/pjlink.json');
    const en = load('en/errors/pjlink.json');
    for (const [code, guide] of Object.entries(PJLINK_ERRORS)) {
      const key = code.slice('pjlink.'.length);
      expect(fr[key], code).toBeTypeOf('string');
      expect(en[key], code).toBeTypeOf('string');
      if (guide) expect(GUIDES, code).toContain(guide.slice('guide:'.length));
    }
    expect(Object.keys(fr).sort()).toEqual(Object.keys(PJLINK_ERRORS).map((c) => c.slice(7)).sort());
  });

  it('every action kind and step has a text', () => {
    const fr = load('fr/actions.json') as { kind: Record<string, string>; step: Record<string, string>; done: Record<string, string> };
    expect(Object.keys(fr.step).sort()).toEqual([...ACTION_STEPS].sort());
    expect(Object.keys(fr.kind).sort()).toEqual([...ACTION_KINDS].sort());
    expect(Object.keys(fr.done).sort()).toEqual([...ACTION_KINDS].sort());
  });

  it('every input type, component and demo fault has a text', () => {
    const pj = load('fr/pjlink.json') as { input_type: Record<string, string>; component: Record<string, string> };
    expect(Object.keys(pj.input_type).sort()).toEqual(Object.values(INPUT_TYPES).sort());
    expect(pj.input_type.digital).toBe('HDMI {{number}}');
    expect(Object.keys(pj.component).sort()).toEqual([...ERROR_COMPONENTS].sort());
    const sim = load('fr/simulator.json') as { fault: Record<string, string>; device: Record<string, string> };
    expect(Object.keys(sim.fault).sort()).toEqual([...DEMO_FAULTS].sort());
    expect(Object.keys(sim.device).sort()).toEqual([...DEMO_DEVICE_IDS].sort());
  });
});
