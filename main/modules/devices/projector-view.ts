/**
 * The projector status as the contract carries it: the PJLink poller's status, with the ERST digits
 * turned into alerts (code + guide each) and the input resolution into a plain "signal" state. No host,
 * no password: the renderer addresses projectors by device id.
 */
import type { ProjectorStatus as ContractStatus, ProjectorInput as ContractInput } from '../../../preload/contract/projector';
import { componentAlerts, type ProjectorStatus } from '../../services/pjlink/status';
import type { PjlinkInput } from '../../services/pjlink/client';

export function toContractStatus(deviceId: string, status: ProjectorStatus): ContractStatus {
  const resolution = status.resolution;
  return {
    deviceId,
    reachable: status.reachable,
    problem: status.problem ? { code: status.problem.code, ...(status.problem.guide ? { guide: status.problem.guide } : {}) } : null,
    pjlinkClass: status.pjlinkClass,
    power: status.power,
    input: status.input,
    mute: status.mute ? { video: status.mute.video, audio: status.mute.audio } : null,
    freeze: status.freeze,
    alerts: status.errors ? componentAlerts(status.errors).map((a) => ({ component: a.component, level: a.level, code: a.code, ...(a.guide ? { guide: a.guide } : {}) })) : [],
    lampHours: status.lamps && status.lamps.length > 0 ? Math.max(...status.lamps.map((l) => l.hours)) : null,
    hasLamp: status.hasLamp,
    filterHours: status.filterHours,
    signal: resolution === null ? null : resolution === 'no-signal' ? 'none' : resolution === 'unknown' ? 'unknown' : 'ok',
    resolution: resolution !== null && typeof resolution === 'object' ? { width: resolution.width, height: resolution.height } : null,
    updatedAt: status.updatedAt,
  };
}

export function toContractInput(input: PjlinkInput): ContractInput {
  return { code: input.code, type: input.type, number: input.number, typeKey: `pjlink:${input.typeKey}`, name: input.name };
}
