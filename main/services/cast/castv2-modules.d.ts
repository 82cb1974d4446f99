/**
 * Types for the parts of `castv2` (MIT, TLS CASTV2 framing + protobuf) and `castv2-client` (MIT,
 * controllers for the platform and the Default Media Receiver) that we use. Neither ships types.
 */
declare module 'castv2' {
  import type { EventEmitter } from 'node:events';
  import type { TlsOptions } from 'node:tls';

  export class Client extends EventEmitter {
    connect(options: { host: string; port?: number; timeout?: number }, callback?: () => void): void;
    close(): void;
  }

  export class Server extends EventEmitter {
    constructor(options: TlsOptions);
    server: import('node:tls').Server;
    clients: Record<string, { socket: import('node:tls').TLSSocket }>;
    listen(port: number, host: string, callback?: () => void): void;
    close(): void;
    send(clientId: string, sourceId: string, destinationId: string, namespace: string, data: string | Buffer): void;
  }

  const castv2: { Client: typeof Client; Server: typeof Server };
  export default castv2;
}

declare module 'castv2/lib/proto.js' {
  const proto: { CastMessage: { serialize(message: Record<string, unknown>): Uint8Array; parse(data: Uint8Array): Record<string, unknown> } };
  export default proto;
}

declare module 'castv2-client' {
  import type { EventEmitter } from 'node:events';
  import type { Client as RawClient } from 'castv2';

  type Callback<T> = (err: Error | null, value: T) => void;

  interface CastApplicationSession {
    appId: string;
    displayName?: string;
    sessionId: string;
    transportId: string;
    isIdleScreen?: boolean;
    statusText?: string;
    namespaces?: { name: string }[];
  }

  interface ReceiverStatus {
    applications?: CastApplicationSession[];
    volume?: { level?: number; muted?: boolean };
  }

  interface MediaStatus {
    mediaSessionId?: number;
    playerState?: string;
    idleReason?: string;
    currentTime?: number;
    media?: { contentId?: string; contentType?: string; duration?: number | null };
  }

  class PlatformSender extends EventEmitter {
    client: RawClient | null;
    receiver: EventEmitter | null;
    connect(options: { host: string; port?: number }, callback: () => void): void;
    close(): void;
    getStatus(callback: Callback<ReceiverStatus>): void;
    getSessions(callback: Callback<CastApplicationSession[]>): void;
    launch(app: typeof DefaultMediaReceiver, callback: Callback<DefaultMediaReceiver>): void;
    join(session: CastApplicationSession, app: typeof DefaultMediaReceiver, callback: Callback<DefaultMediaReceiver>): void;
    stop(app: DefaultMediaReceiver, callback: Callback<CastApplicationSession[]>): void;
  }

  class DefaultMediaReceiver extends EventEmitter {
    static APP_ID: string;
    session: CastApplicationSession | null;
    media: EventEmitter & { currentSession: MediaStatus | null };
    getStatus(callback: Callback<MediaStatus | undefined>): void;
    load(media: Record<string, unknown>, options: Record<string, unknown>, callback: Callback<MediaStatus>): void;
    play(callback: Callback<MediaStatus>): void;
    pause(callback: Callback<MediaStatus>): void;
    stop(callback: Callback<MediaStatus>): void;
    seek(currentTime: number, callback: Callback<MediaStatus>): void;
    close(): void;
  }

  const castv2Client: { Client: typeof PlatformSender; PlatformSender: typeof PlatformSender; DefaultMediaReceiver: typeof DefaultMediaReceiver };
  export default castv2Client;
  export type { CastApplicationSession, ReceiverStatus, MediaStatus, PlatformSender, DefaultMediaReceiver };
}
