/**
 * The transport's acknowledgement when the connection is not open: the real dingtalk-stream client
 * holding a socket that is still CONNECTING (as during a reconnect) cannot send the ack. The message is still handled once, nothing is thrown into
 * the client's frame loop, and the missed ack is counted (DingTalk redelivers it later).
 */
import { DWClient } from 'dingtalk-stream';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { DingTalkTransport } from '../../src/adapters/dingtalk/transport.ts';

const frame = (messageId: string) => ({
  headers: { messageId },
  data: JSON.stringify({
    conversationId: 'cidDirectstaff001==',
    conversationType: '1',
    senderStaffId: 'staff001',
    senderCorpId: 'dingcorp',
    msgId: 'msg-closed-socket',
    msgtype: 'text',
    text: { content: '节能审查' },
  }),
});

describe('DingTalk transport with a closed connection', () => {
  it('handles the message once and counts the ack it could not send instead of throwing', async () => {
    const client = new DWClient({ clientId: 'id', clientSecret: 'secret' });
    // A socket that never opens (nothing listens on port 9 of loopback), as between drop and reconnect.
    const socket = new WebSocket('ws://127.0.0.1:9');
    socket.on('error', () => undefined);
    (client as unknown as { socket: WebSocket }).socket = socket;
    const handled: string[] = [];
    const logged: string[] = [];
    const transport = new DingTalkTransport(client, (m) => void handled.push(m.text), { log: (m) => logged.push(m) });
    await expect(transport.onFrame(frame('frame-1'))).resolves.toBeUndefined();
    await transport.onFrame(frame('frame-2')); // the redelivery of the same msgId
    expect(handled).toEqual(['节能审查']);
    expect(transport.counts).toMatchObject({ handled: 1, duplicates: 1, acked: 0, ackFailed: 2 });
    expect(logged[0]).toContain('will be redelivered');
    socket.terminate();
  });
});
