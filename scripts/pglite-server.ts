import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import type { PGlite } from "@electric-sql/pglite";

/**
 * The PostgreSQL wire protocol in front of one PGlite, for any number of client connections.
 *
 * PGlite is one PostgreSQL backend: one unnamed statement and portal, one transaction, for
 * everyone. A server in front of it must therefore lend that backend to one connection at a time,
 * from the connection's first message until the backend reports itself idle outside a transaction
 * (ReadyForQuery with status `I`): an extended query (Parse, Bind, Execute … Sync) runs whole, and
 * a transaction from BEGIN to COMMIT or ROLLBACK runs without another connection's statements in
 * between. Other connections wait in turn, first come first served, as statements waiting on a
 * row lock would on a PostgreSQL server (here they wait on the whole transaction).
 *
 * @electric-sql/pglite-socket 0.2.17 (the newest) queues single messages, not a connection's
 * messages up to Sync, and releases the backend between the Parse, Bind and Execute of a query
 * outside BEGIN…COMMIT, because PostgreSQL does not count that implicit transaction as a
 * transaction block: under 50 concurrent save+submit flows about half were lost, with
 * `bind message supplies 3 parameters, but prepared statement "" requires 5` and rows of one
 * query delivered to another (tests/integration/embedded-concurrency.test.ts). It offers no other
 * mode, so this server replaces it.
 *
 * Session state other than the transaction stays shared, as it is one backend: SET, named prepared
 * statements, temporary tables and LISTEN are seen by every connection. The app (Prisma over
 * node-postgres) uses none of them. A connection that closes while it holds the backend has its
 * transaction rolled back; one that sits idle inside a transaction longer than
 * `idleInTransactionMs` (PostgreSQL's idle_in_transaction_session_timeout) is closed likewise, so
 * that a client that never finishes its transaction cannot stop everyone else for good.
 */
export interface PGliteServerOptions {
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  idleInTransactionMs?: number;
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const TERMINATE = 0x58; // 'X'
const READY_FOR_QUERY = 0x5a; // 'Z'

function message(type: string, body: string): Buffer {
  const content = Buffer.from(body);
  const header = Buffer.alloc(5);
  header.write(type, 0);
  header.writeInt32BE(4 + content.length, 1);
  return Buffer.concat([header, content]);
}
const SYNC = message("S", "");
// Execute of a portal that does not exist: an error, which aborts the implicit transaction of an
// extended query the client left without its Sync, so that the Sync after it rolls that work back
// instead of committing it (PostgreSQL drops such work when the client goes away).
const ABORT = message("E", "luoshi_abandoned\0\0\0\0\0");
const ROLLBACK = message("Q", "ROLLBACK\0");
// PostgreSQL's own bounds: a startup packet of at most 10,000 bytes, other messages up to 1 GB.
const MAX_STARTUP_LENGTH = 10_000;
const MAX_MESSAGE_LENGTH = 1 << 30;
const INVALID_LENGTH = message("E", "SFATAL\0VFATAL\0C08P01\0Minvalid message length\0\0");
// ErrorResponse: severity, SQLSTATE, message; what PostgreSQL sends before it closes such a connection.
const IDLE_IN_TRANSACTION = message("E", "SFATAL\0VFATAL\0C25P03\0Mterminating connection due to idle-in-transaction timeout\0\0");

/** Follows the framing of the backend's output to tell whether it ended on ReadyForQuery, and with which status. */
class ReadyStatus {
  private header: number[] = [];
  private type = 0;
  private left = 0;
  /** `I` idle, `T` in a transaction, `E` in a failed transaction; null when the last message was not ReadyForQuery. */
  status: string | null = null;

  feed(data: Uint8Array): void {
    for (let i = 0; i < data.length; ) {
      if (this.left === 0) {
        this.header.push(data[i++]);
        if (this.header.length < 5) continue;
        const [type, a, b, c, d] = this.header;
        this.type = type;
        this.left = ((a << 24) | (b << 16) | (c << 8) | d) - 4;
        this.header = [];
        this.status = null;
        continue;
      }
      // ReadyForQuery's body is its one status byte.
      if (this.type === READY_FOR_QUERY) this.status = String.fromCharCode(data[i]);
      const n = Math.min(this.left, data.length - i);
      i += n;
      this.left -= n;
    }
  }
}

/** The one backend, lent to one connection at a time. */
class Backend {
  private owner: Connection | null = null;
  private waiting: Array<{ connection: Connection; grant: (granted: boolean) => void }> = [];

  constructor(private readonly db: PGlite) {}

  /** Resolves true once `connection` holds the backend, false if it gave up waiting (closed). */
  acquire(connection: Connection): Promise<boolean> {
    if (this.owner === connection) return Promise.resolve(true);
    if (!this.owner) {
      this.owner = connection;
      return Promise.resolve(true);
    }
    return new Promise((grant) => this.waiting.push({ connection, grant }));
  }

  release(connection: Connection): void {
    if (this.owner !== connection) return;
    const next = this.waiting.shift();
    this.owner = next?.connection ?? null;
    next?.grant(true);
  }

  /** Stops waiting for the backend (the connection closed). */
  abandon(connection: Connection): void {
    const index = this.waiting.findIndex((entry) => entry.connection === connection);
    if (index >= 0) this.waiting.splice(index, 1)[0].grant(false);
  }

  holds(connection: Connection): boolean {
    return this.owner === connection;
  }

  /** Runs the messages on the backend, passing the output on; returns the ReadyForQuery status it ended with. */
  async run(messages: Uint8Array, onData: (data: Uint8Array) => void): Promise<string | null> {
    const ready = new ReadyStatus();
    await this.db.runExclusive(() =>
      this.db.execProtocolRawStream(messages, {
        onRawData: (data) => {
          ready.feed(data);
          onData(data);
        },
      }),
    );
    return ready.status;
  }
}

/** One client connection: its messages in order, run on the backend while it holds it. */
class Connection {
  private input: Buffer = Buffer.alloc(0);
  private started = false;
  private queue: Buffer[] = [];
  private pumping = false;
  private closed = false;
  private terminating = false;
  private idleTimer: NodeJS.Timeout | undefined;
  private left!: () => void;
  /** Resolves once the connection has closed and given the backend back. */
  readonly finished = new Promise<void>((resolve) => (this.left = resolve));

  constructor(
    private readonly socket: Socket,
    private readonly backend: Backend,
    private readonly idleInTransactionMs: number,
  ) {
    socket.setNoDelay(true);
    socket.on("data", (chunk) => this.receive(chunk));
    socket.on("error", () => this.close());
    socket.on("close", () => this.close());
  }

  private receive(chunk: Buffer): void {
    if (this.closed) return;
    this.input = this.input.length ? Buffer.concat([this.input, chunk]) : chunk;
    for (;;) {
      // Before the startup message: length, then a protocol version or request code; after it: type byte, length.
      const headerLength = this.started ? 5 : 8;
      if (this.input.length < headerLength) break;
      const length = this.started ? 1 + this.input.readInt32BE(1) : this.input.readInt32BE(0);
      // A length shorter than its own header would never move on; a huge one would buffer without end.
      const [least, most] = this.started ? [5, MAX_MESSAGE_LENGTH] : [8, MAX_STARTUP_LENGTH];
      if (length < least || length > most) {
        this.end(INVALID_LENGTH);
        return;
      }
      if (this.input.length < length) break;
      const message = this.input.subarray(0, length);
      this.input = this.input.subarray(length);
      if (this.started) {
        if (message[0] === TERMINATE) this.terminating = true;
        else if (!this.terminating) this.queue.push(message);
        continue;
      }
      const code = message.readInt32BE(4);
      if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
        this.socket.write("N"); // no encryption: go on in plain text
      } else if (code === CANCEL_REQUEST) {
        this.socket.destroy(); // there is no other backend to signal; a cancel gets no answer
        return;
      } else {
        this.started = true;
        this.queue.push(message);
      }
    }
    void this.pump();
  }

  /** Runs the queued messages in order, holding the backend until it is idle outside a transaction. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0 && !this.closed) {
        if (!(await this.backend.acquire(this)) || this.closed) break;
        clearTimeout(this.idleTimer);
        const status = await this.backend.run(Buffer.concat(this.queue.splice(0)), (data) => {
          if (!this.closed) this.socket.write(Buffer.from(data));
        });
        if (status === "I") this.backend.release(this);
        else if (!this.closed && this.idleInTransactionMs > 0) {
          this.idleTimer = setTimeout(() => this.end(IDLE_IN_TRANSACTION), this.idleInTransactionMs);
        }
      }
      if (this.terminating) this.end();
    } catch {
      this.socket.destroy();
    } finally {
      this.pumping = false;
      if (this.closed) await this.leave();
    }
  }

  /** Ends the connection from this side: gives the backend back at once, whether or not the client closes its end. */
  private end(last: Buffer = Buffer.alloc(0)): void {
    this.socket.end(last);
    this.close();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue = [];
    clearTimeout(this.idleTimer);
    this.backend.abandon(this);
    if (!this.pumping) void this.leave();
  }

  /** Gives the backend back clean: ends an unfinished extended query and rolls back an open transaction. */
  private async leave(): Promise<void> {
    try {
      if (this.backend.holds(this) && (await this.backend.run(Buffer.concat([ABORT, SYNC]), () => undefined)) !== "I") {
        await this.backend.run(ROLLBACK, () => undefined);
      }
    } catch {
      // The database itself failed or was closed: there is nothing left to give back.
    } finally {
      this.backend.release(this);
      this.left();
    }
  }
}

export class PGliteServer {
  private readonly backend: Backend;
  private readonly server: Server;
  /** Open sockets and their connections, until the socket closes. */
  private readonly connections = new Map<Socket, Connection>();

  constructor(
    db: PGlite,
    private readonly options: PGliteServerOptions = {},
  ) {
    this.backend = new Backend(db);
    const idle = options.idleInTransactionMs ?? 60_000;
    this.server = createServer((socket) => {
      const connection = new Connection(socket, this.backend, idle);
      this.connections.set(socket, connection);
      socket.on("close", () => this.connections.delete(socket));
    });
  }

  /** Listens; resolves to the port. */
  start(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(this.options.port ?? 0, this.options.host ?? "127.0.0.1", () => {
        this.server.off("error", reject);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  /** Stops listening, drops every connection and waits until each has given the backend back. */
  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    const connections = [...this.connections];
    for (const [socket] of connections) socket.destroy();
    await Promise.all(connections.map(([, connection]) => connection.finished));
    await closed;
  }
}
