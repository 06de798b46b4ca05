/**
 * A lean HTTP/1.1 keep-alive client for the ingest benchmark: one request at a time per
 * socket, the request written as one string, the answer read by Content-Length (or
 * chunked). Node's `http.request` cost the generator about 3 µs of CPU per event beside
 * the server on the same two cores; this leaves more of them to the server it measures.
 */
import { connect, type Socket } from 'node:net';

const HEAD_END = Buffer.from('\r\n\r\n');
const CHUNKED_END = Buffer.from('0\r\n\r\n');

/** A keep-alive connection to `url`'s host; `post` resolves to the status (0 on a failure). */
export class RawHttpConnection {
  private socket: Socket | undefined;
  private buffered: Buffer = Buffer.alloc(0);
  private waiting: ((status: number) => void) | undefined;
  private readonly host: string;
  private readonly port: number;

  constructor(url: URL) {
    this.host = url.hostname;
    this.port = Number(url.port || 80);
  }

  /** POSTs `body` (text/plain) to `path`. */
  post(path: string, body: string): Promise<number> {
    const socket = this.socket ?? this.open();
    return new Promise<number>((resolve) => {
      this.waiting = resolve;
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private open(): Socket {
    const socket = connect({ host: this.host, port: this.port, noDelay: true });
    socket.on('data', (chunk: Buffer) => {
      this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
      this.answer();
    });
    const fail = () => {
      if (this.socket === socket) this.socket = undefined;
      this.buffered = Buffer.alloc(0);
      this.settle(0);
    };
    socket.on('error', fail);
    socket.on('close', fail);
    this.socket = socket;
    return socket;
  }

  private settle(status: number) {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.(status);
  }

  /** Resolves the waiting request once its whole answer is in. */
  private answer() {
    const headEnd = this.buffered.indexOf(HEAD_END);
    if (headEnd === -1) return;
    const head = this.buffered.toString('latin1', 0, headEnd);
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    let end: number;
    if (length) {
      end = headEnd + 4 + Number(length[1]);
      if (this.buffered.length < end) return;
    } else {
      const last = this.buffered.indexOf(CHUNKED_END, headEnd + 4);
      if (last === -1) return;
      end = last + CHUNKED_END.length;
    }
    this.buffered = this.buffered.subarray(end);
    this.settle(status);
  }
}
