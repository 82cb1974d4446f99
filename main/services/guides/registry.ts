import type { CheckId, FixId } from '../../../preload/contract/guide-document';
import { silentLogger, type Logger } from '../core/logger';
import type { CheckImplementation, CheckRegistry, FixImplementation, FixRegistry, RoomSnapshot } from './diagnostics';

/** Where the diagnostics read the room this laptop is in and its devices (at each check). */
export type RoomSource = () => RoomSnapshot | Promise<RoomSnapshot>;

/** No room known yet: every projector check says « Aucun vidéoprojecteur n'est connu dans cette salle ». */
export const NO_ROOM: RoomSource = () => ({ room: null, devices: [] });

/**
 * The registration point between the diagnostics engine and the services that know how to check and
 * fix things. The host creates one, hands `checks` and `fixes` to the DiagnosticsEngine (which reads
 * them at each check, so later registrations count), and exposes `registerChecks()`,
 * `registerFixes()` and `setRoomSource()` to the integrations:
 *
 *  - projector control registers `projector.reachable`, `pjlink.auth`, `projector.power`,
 *    `projector.input`, `projector.signal`, `projector.mute`, `projector.errors` and the fixes
 *    `projector.powerOn`, `projector.selectInput`, `projector.unmute`;
 *  - the display service registers `display.external` and `display.duplicate`;
 *  - the device registry sets the room source.
 *
 * A check or fix nobody registered is reported by the engine as « non disponible » (never a fake ✓).
 * Registering an id again replaces the previous implementation (the app's display service replaces
 * the web preview's placeholder); the returned function removes what this call added, unless it was
 * replaced meanwhile.
 */
export class DiagnosticsRegistry {
  readonly checks: CheckRegistry = {};
  readonly fixes: FixRegistry = {};
  private roomSource: RoomSource = NO_ROOM;

  constructor(private readonly log: Logger = silentLogger) {}

  registerChecks(implementations: CheckRegistry): () => void {
    return register(this.checks, implementations, 'check', this.log);
  }

  registerFixes(implementations: FixRegistry): () => void {
    return register(this.fixes, implementations, 'fix', this.log);
  }

  setRoomSource(source: RoomSource): void {
    this.roomSource = source;
  }

  /** What the engine calls before each check (bound, so it can be passed as is). */
  readonly room = (): RoomSnapshot | Promise<RoomSnapshot> => this.roomSource();

  /** Ids with an implementation, for the health check and the report. */
  registered(): { checks: CheckId[]; fixes: FixId[] } {
    return { checks: Object.keys(this.checks).sort() as CheckId[], fixes: Object.keys(this.fixes).sort() as FixId[] };
  }
}

function register<K extends string, V extends CheckImplementation | FixImplementation>(
  target: Partial<Record<K, V>>,
  implementations: Partial<Record<K, V>>,
  kind: string,
  log: Logger,
): () => void {
  const added = Object.entries(implementations).filter(([, impl]) => impl !== undefined) as [K, V][];
  for (const [id, impl] of added) {
    if (target[id]) log.info(`${kind} ${id}: implementation replaced`);
    target[id] = impl;
  }
  return () => {
    for (const [id, impl] of added) if (target[id] === impl) delete target[id];
  };
}
