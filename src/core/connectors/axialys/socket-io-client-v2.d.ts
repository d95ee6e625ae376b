// Types for the npm alias `socket.io-client-v2` (socket.io-client 2.5.0 ships no declarations).
declare module 'socket.io-client-v2' {
  interface V2ClientSocket {
    connected: boolean;
    /** The manager; its `engine` is the Engine.IO 3 socket (created when the manager opens). */
    io?: { engine?: unknown };
    on(event: string, listener: (...args: never[]) => void): V2ClientSocket;
    emit(event: string, ...args: unknown[]): V2ClientSocket;
    close(): V2ClientSocket;
  }
  interface V2ClientOptions {
    path?: string;
    transports?: string[];
    reconnection?: boolean;
    forceNew?: boolean;
    timeout?: number;
    autoConnect?: boolean;
  }
  function io(uri: string, opts?: V2ClientOptions): V2ClientSocket;
  export default io;
}
