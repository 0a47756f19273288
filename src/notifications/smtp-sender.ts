import * as net from 'node:net';
import { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection';

export interface SmtpServer {
  host: string;
  port: number;
  secure: boolean;
  auth?: { user: string; pass: string };
  maxConnections: number;
}

/** The message may have been delivered: the connection broke after its last byte, before the answer. */
export class DeliveryUnconfirmed extends Error {}

const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/**
 * SMTP over a few reused connections, with a hook at the only moment that decides whether a message is
 * delivered: the server has answered DATA and holds the whole message, and only the final dot, written once
 * `commit` resolves, makes it take it. A process that dies before `commit` has delivered nothing; one that
 * dies after may have. nodemailer's own pool reads the message before DATA, hence the pool here, on its
 * documented SMTPConnection.
 */
export class SmtpSender {
  private readonly idle: SMTPConnection[] = [];
  private readonly waiting: (() => void)[] = [];
  private busy = 0;
  private closed = false;

  constructor(private readonly server: SmtpServer) {}

  async send(
    envelope: { from: string; to: string[] },
    message: Buffer,
    commit: () => Promise<void>,
  ): Promise<void> {
    await this.slot();
    try {
      const reused = this.idle.pop();
      try {
        await this.transact(reused ?? (await this.connect()), envelope, message, commit);
      } catch (err) {
        // An idle connection the server dropped fails before anything is sent: once more on a new one.
        if (!reused || err instanceof DeliveryUnconfirmed) throw err;
        await this.transact(await this.connect(), envelope, message, commit);
      }
    } finally {
      this.busy--;
      this.waiting.shift()?.();
    }
  }

  close(): void {
    this.closed = true;
    for (const conn of this.idle.splice(0)) conn.quit();
  }

  private async slot(): Promise<void> {
    while (this.busy >= this.server.maxConnections) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.busy++;
  }

  /**
   * Resolves once the server took the message; rejects with DeliveryUnconfirmed when it may have; any other
   * rejection means it did not, whether or not `commit` ran.
   */
  private transact(
    conn: SMTPConnection,
    envelope: { from: string; to: string[] },
    message: Buffer,
    commit: () => Promise<void>,
  ): Promise<void> {
    let answered = false;
    let committing: Promise<void> | undefined;
    let lastByteOut = false;
    // nodemailer pipes the message only after the server's 354; on a refused envelope it drains it into
    // nowhere, after the answer, which `answered` tells apart.
    const data = new Readable({
      read() {
        if (committing) return;
        if (answered) {
          this.push(null);
          return;
        }
        this.push(message);
        committing = commit();
        committing.then(
          () => {
            lastByteOut = true;
            this.push(null);
          },
          (err: Error) => this.destroy(err),
        );
      },
    });
    return new Promise<void>((resolve, reject) => {
      const done = (err: (Error & { responseCode?: number }) | null) => {
        if (answered) return;
        answered = true;
        conn.off('error', done);
        conn.off('end', broken);
        if (!err) {
          this.release(conn);
          resolve();
          return;
        }
        conn.close();
        // Read now: a commit that resolves after the break must not count as a message sent.
        const mayHaveArrived = lastByteOut && !err.responseCode;
        (committing ?? Promise.resolve()).then(
          () =>
            reject(
              mayHaveArrived
                ? new DeliveryUnconfirmed(`the connection broke after the message: ${err.message}`)
                : err,
            ),
          reject,
        );
      };
      // A broken connection is reported as an event, not to the send callback.
      const broken = () => done(new Error('the SMTP connection closed'));
      conn.once('error', done);
      conn.once('end', broken);
      conn.send(envelope, data, done);
    });
  }

  private release(conn: SMTPConnection): void {
    if (this.closed || conn.destroyed) conn.close();
    else this.idle.push(conn);
  }

  private async connect(): Promise<SMTPConnection> {
    const { host, port, secure, auth } = this.server;
    // SMTP is a chatty protocol of small writes: without TCP_NODELAY each message waits on Nagle's
    // algorithm and delayed ACKs (measured against a local server: ~320 messages/s with nodemailer's own
    // sockets, ~1,000 with these). Implicit TLS (smtps:) keeps nodemailer's own socket.
    const connection = secure ? undefined : await plainSocket(host, port);
    const conn = new SMTPConnection({ host, port, secure, connection, ...TIMEOUTS });
    // An idle connection that times out or is dropped leaves the pool; its error has no one to go to.
    const drop = () => {
      const at = this.idle.indexOf(conn);
      if (at >= 0) this.idle.splice(at, 1);
    };
    conn.on('error', drop);
    conn.on('end', drop);
    await new Promise<void>((resolve, reject) => conn.connect((err) => (err ? reject(err) : resolve())));
    if (auth) {
      await new Promise<void>((resolve, reject) =>
        conn.login(auth, (err) => (err ? reject(err) : resolve())),
      ).catch((err: Error) => {
        conn.close();
        throw err;
      });
    }
    return conn;
  }
}

function plainSocket(host: string, port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port, timeout: TIMEOUTS.connectionTimeout });
    socket.setNoDelay(true);
    socket.once('connect', () => {
      socket.setTimeout(0);
      resolve(socket);
    });
    socket.once('timeout', () => socket.destroy(new Error(`SMTP connection to ${host}:${port} timed out`)));
    socket.once('error', reject);
  });
}
