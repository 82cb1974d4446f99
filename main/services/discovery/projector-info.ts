/**
 * What discovery needs from the PJLink client: given a host that speaks PJLink, its name, maker,
 * model, class and inputs. Discovery does not talk PJLink itself (one client in the app, in
 * main/services/pjlink, owns connections to projectors); the host wires the real client in.
 */
import type { DeviceReport } from '../devices/report';
import type { DiscoverySource } from '../../../preload/contract/devices';
import { inferKind } from '../devices/kind';

export interface ProjectorInput {
  /** Two-character PJLink input code, e.g. "31". */
  code: string;
  /** INNM name, e.g. "HDMI 1" (class 2), when known. */
  name: string | null;
}

export interface ProjectorInfo {
  name: string | null;
  maker: string | null;
  model: string | null;
  pjlinkClass: 1 | 2 | null;
  /** The projector asked for a password (PJLINK 1): the rest may be unknown until one is given. */
  authRequired: boolean;
  inputs?: ProjectorInput[];
}

/**
 * Reads a projector's identity over PJLink (TCP). Rejects when the host does not answer or does not
 * speak PJLink; resolves with what it could learn (a password-protected projector gives little).
 */
export type ProjectorInfoReader = (host: string, port: number) => Promise<ProjectorInfo>;

/** The report made from a successful read. */
export function reportFromProjectorInfo(
  source: DiscoverySource,
  key: string,
  host: string,
  port: number,
  info: ProjectorInfo,
  mac: string | null = null,
): DeviceReport {
  const inputNames = (info.inputs ?? []).map((i) => i.name).filter((n): n is string => typeof n === 'string');
  const kind = inferKind({ capabilities: ['pjlink'], model: info.model, name: info.name, inputNames });
  return {
    source,
    key,
    identity: { mac, addresses: [host], host },
    name: info.name,
    maker: info.maker,
    model: info.model,
    kind,
    capabilities: ['pjlink'],
    endpoints: { pjlink: { port, class: info.pjlinkClass, authRequired: info.authRequired } },
    alive: true,
  };
}
