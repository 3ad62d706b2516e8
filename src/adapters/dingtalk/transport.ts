/**
 * Robot callbacks in, acks out: the Stream connection's inbound half.
 *
 * Every callback frame is acked with `socketCallBackResponse` — DingTalk redelivers a callback it
 * has not seen acked (for about a minute), also after a reconnect. The ack is sent once the
 * handler has finished, so a message is never acknowledged to DingTalk before the bot has dealt
 * with it; a redelivered frame (same message id) is acked again but handled once: if the first
 * delivery is still being handled, the duplicate's ack waits for it.
 *
 * ```ts
 * const transport = new DingTalkTransport(client, async (m) => { … reply to m … });
 * transport.listen();
 * await client.start();
 * ```
 */
import { TOPIC_ROBOT, type DWClient } from 'dingtalk-stream';
import { parseRobotPayload, type DingTalkInboundMessage } from './inbound.ts';

/** The part of a callback frame the transport reads. */
export interface CallbackFrame {
  headers: { messageId: string; topic?: string };
  data: string;
}

export type InboundHandler = (message: DingTalkInboundMessage) => Promise<void> | void;

export interface TransportOptions {
  /** How many recent message ids to remember for dedupe. Default 10,000 (redelivery is within minutes). */
  rememberLast?: number;
  /** Where unexpected handler failures and unreadable frames are logged. Default console.error. */
  log?: (message: string, error?: unknown) => void;
}

export class DingTalkTransport {
  /** Frames acked (deliveries and redeliveries) and messages handled, for logs and tests. */
  readonly counts = { acked: 0, handled: 0, duplicates: 0, unreadable: 0, ackFailed: 0 };
  private readonly seen = new Map<string, Promise<void>>();
  private readonly rememberLast: number;
  private readonly log: (message: string, error?: unknown) => void;

  constructor(
    private readonly client: Pick<DWClient, 'registerCallbackListener' | 'socketCallBackResponse'>,
    private readonly handler: InboundHandler,
    options: TransportOptions = {},
  ) {
    this.rememberLast = options.rememberLast ?? 10_000;
    this.log = options.log ?? ((m, e) => console.error(`[policy-desk] dingtalk: ${m}`, e ?? ''));
  }

  /** Subscribes to robot messages (must be called before the client connects). */
  listen(): this {
    this.client.registerCallbackListener(TOPIC_ROBOT, (frame: CallbackFrame) => void this.onFrame(frame));
    return this;
  }

  /** Handles one frame; resolves after its ack is sent. Exposed for the client's listener and tests. */
  async onFrame(frame: CallbackFrame): Promise<void> {
    const parsed = parseRobotPayload(frame.data, frame.headers.messageId);
    if (!parsed.ok) {
      // Acked anyway: a frame we cannot read would otherwise be redelivered for nothing.
      this.counts.unreadable++;
      this.log(`unreadable robot callback ${frame.headers.messageId}: ${parsed.reason}`);
      this.ack(frame);
      return;
    }
    const id = parsed.message.messageId;
    let done = this.seen.get(id);
    if (done) {
      this.counts.duplicates++;
    } else {
      done = this.handle(parsed.message);
      this.remember(id, done);
    }
    await done;
    this.ack(frame);
  }

  private async handle(message: DingTalkInboundMessage): Promise<void> {
    try {
      await this.handler(message);
      this.counts.handled++;
    } catch (err) {
      // The core turns handler errors into replies; an exception here is a bug. It is logged and
      // the frame acked, since a redelivery would fail the same way.
      this.log(`handling message ${message.messageId} failed`, err);
    }
  }

  private remember(id: string, done: Promise<void>): void {
    this.seen.set(id, done);
    if (this.seen.size > this.rememberLast) this.seen.delete(this.seen.keys().next().value!);
  }

  private ack(frame: CallbackFrame): void {
    try {
      this.client.socketCallBackResponse(frame.headers.messageId, { status: 'SUCCESS' });
      this.counts.acked++;
    } catch (err) {
      // The connection dropped while the message was handled. DingTalk redelivers an unacked
      // frame on the next connection; it is then acked again without being handled twice.
      this.counts.ackFailed++;
      this.log(`ack of ${frame.headers.messageId} not sent (connection closed); it will be redelivered`, err);
    }
  }
}
