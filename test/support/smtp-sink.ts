import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
}

/** A real SMTP server for tests and benchmarks: it accepts everything and keeps the parsed messages. */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  /** Messages accepted, parsed or not. */
  count = 0;
  private holdAfter = Infinity;
  private admitted = 0;
  private answerAfter = Infinity;
  private answered = 0;
  private held: (() => void)[] = [];
  private server?: SMTPServer;

  /**
   * `delayMs` slows every message down before its content is sent (at MAIL FROM), as a busy server does, to
   * let a test interrupt a batch halfway.
   */
  constructor(
    private readonly delayMs = 0,
    /** Benchmarks only count: parsing every message would make the sink the bottleneck. */
    private readonly parse = true,
  ) {}

  async listen(port = 0): Promise<number> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onMailFrom: (_address, _session, callback) => {
        if (this.admitted >= this.holdAfter) {
          this.held.push(() => callback());
          return;
        }
        this.admitted++;
        if (this.delayMs) setTimeout(() => callback(), this.delayMs);
        else callback();
      },
      onData: (stream, _session, callback) => {
        if (!this.parse) {
          stream.on('data', () => undefined);
          stream.on('end', () => {
            this.count++;
            this.answer(() => callback());
          });
          return;
        }
        simpleParser(stream)
          .then((mail: ParsedMail) => {
            const to = [mail.to ?? []].flat().flatMap((a) => a.value.map((v) => v.address ?? ''));
            this.count++;
            this.received.push({
              to,
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: typeof mail.html === 'string' ? mail.html : '',
              messageId: mail.messageId ?? '',
            });
            this.answer(() => callback());
          })
          .catch(callback);
      },
    });
    // Clients that die mid-conversation (a killed worker) reset their connections; that is expected here.
    server.on('error', () => undefined);
    this.server = server;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
    return (server.server.address() as AddressInfo).port;
  }

  /** From now on, accept only `n` more messages; later ones wait at MAIL FROM until `release()`. */
  holdAfterMore(n: number): void {
    this.holdAfter = this.admitted + n;
  }

  /**
   * From now on, answer only `n` more messages at once; later ones are kept as delivered, but the "250" that
   * tells the client waits until `release()`: the instant a client can die not knowing.
   */
  holdAnswersAfterMore(n: number): void {
    this.answerAfter = this.answered + n;
  }

  private answer(reply: () => void): void {
    if (this.answered >= this.answerAfter) {
      this.held.push(reply);
      return;
    }
    this.answered++;
    reply();
  }

  /** Messages taken whose answer is held (holdAnswersAfterMore), or held at MAIL FROM. */
  get holding(): number {
    return this.held.length;
  }

  release(): void {
    this.holdAfter = Infinity;
    this.answerAfter = Infinity;
    for (const resume of this.held.splice(0)) resume();
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address));
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
