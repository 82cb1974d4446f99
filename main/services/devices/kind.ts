/**
 * What kind of box a device is, from what the sources said. The IT inventory knows best; otherwise the
 * protocols and model names tell: PJLink means a projector (interactive when the model or an input
 * says so), Cast/AirPlay/Miracast without PJLink means a screen (TV, interactive panel) unless the model
 * is a known dongle or set-top box.
 */
import type { Capability, DeviceKind } from '../../../preload/contract/devices';

export interface KindEvidence {
  /** Kind given by a source that knows (inventory, manual entry, demo). */
  declared?: DeviceKind | null;
  capabilities: Iterable<Capability>;
  model?: string | null;
  name?: string | null;
  /** Names of the projector's inputs (PJLink INNM), when known. */
  inputNames?: Iterable<string>;
}

// Epson BrightLink / EB-xxxWi / EB-xxxFi, "interactive" in any language of the maker's catalogue.
const INTERACTIVE_MODEL = /interacti|brightlink|\beb-?\s?\d{3,4}[a-z]*[wfu]i\b|\btouch\b|tactile/i;
const INTERACTIVE_INPUT = /whiteboard|tableau blanc|interactive|interactif|pen|stylet/i;
const DONGLE_MODEL = /chromecast|google tv streamer|apple\s?tv|appletv|fire\s?tv|roku|nvidia shield|mi box|cast dongle|miracast adapter|wireless display adapter/i;

export function inferKind(evidence: KindEvidence): DeviceKind {
  if (evidence.declared && evidence.declared !== 'unknown') return evidence.declared;
  const caps = new Set(evidence.capabilities);
  const model = evidence.model ?? '';
  if (caps.has('pjlink')) {
    if (INTERACTIVE_MODEL.test(model)) return 'interactive-projector';
    for (const input of evidence.inputNames ?? []) if (INTERACTIVE_INPUT.test(input)) return 'interactive-projector';
    return 'projector';
  }
  if (caps.has('googlecast') || caps.has('airplay') || caps.has('miracast') || caps.has('dlna')) {
    if (DONGLE_MODEL.test(model)) return 'cast-receiver';
    return 'screen';
  }
  return 'unknown';
}
