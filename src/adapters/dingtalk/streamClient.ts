/**
 * The official `dingtalk-stream` client, pointed at DINGTALK_API_URL.
 *
 * The SDK hard-codes `POST https://api.dingtalk.com/v1.0/gateway/connections/open` in
 * `getEndpoint()` (and an old-style token URL in `getAccessToken()`); this subclass overrides both
 * so the gateway and the OpenAPI resolve under one base. Everything else — the WebSocket, system
 * ping/pong, callback dispatch, reconnecting one second after a drop — is the SDK's own code.
 *
 * Two SDK behaviours it also corrects: `connect()` retries a refused connection-open forever
 * without saying why (here the first attempt's refusal is reported, so bad credentials fail
 * start-up with a clear message), a reconnect timer already scheduled when `disconnect()` is
 * called would reconnect anyway (here `stop()` is final), and a dropped connection's heartbeat
 * interval is never cleared (here each reconnect clears it).
 */
import { DWClient } from 'dingtalk-stream';
import { dingTalkEndpoints } from './endpoints.ts';
import { deliveryErrorFor, unreachable } from './refusals.ts';
import type { DingTalkOpenApi } from './openApi.ts';

export interface StreamClientOptions {
  clientId: string;
  clientSecret: string;
  apiUrl?: string;
  /** Shares the OpenAPI's cached token if the SDK ever asks for one. */
  openApi?: DingTalkOpenApi;
  /** SDK debug logging. */
  debug?: boolean;
}

export class PolicyDeskStreamClient extends DWClient {
  private readonly connectionsOpenUrl: string;
  private readonly openApi: DingTalkOpenApi | undefined;
  private stopped = false;
  /** Connection-open requests made (each reconnect makes one); for logs and tests. */
  connectionAttempts = 0;

  constructor(options: StreamClientOptions) {
    super({ clientId: options.clientId, clientSecret: options.clientSecret, keepAlive: true, debug: options.debug ?? false, ua: 'policy-desk' });
    this.connectionsOpenUrl = dingTalkEndpoints(options.apiUrl).connectionsOpen;
    this.openApi = options.openApi;
  }

  /** Opens a Stream connection under DINGTALK_API_URL; throws DeliveryError when refused. */
  override async getEndpoint(): Promise<this> {
    this.connectionAttempts++;
    let res: Response;
    try {
      res = await fetch(this.connectionsOpenUrl, {
        method: 'POST',
        // Without Accept: application/json the gateway answers XML (noted in the SDK's source).
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ clientId: this.config.clientId, clientSecret: this.config.clientSecret, ua: this.config.ua, subscriptions: this.config.subscriptions }),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (err) {
      throw unreachable(this.connectionsOpenUrl, err);
    }
    const body = (await res.json().catch(() => ({}))) as { endpoint?: string; ticket?: string; code?: string; message?: string; requestid?: string };
    if (!res.ok || !body.endpoint || !body.ticket) {
      throw deliveryErrorFor({ status: res.status, code: body.code ?? (res.ok ? 'noEndpoint' : undefined), message: body.message, requestId: body.requestid });
    }
    // `dw_url` is private in the SDK's typings but is what `_connect()` dials.
    (this as unknown as { dw_url: string }).dw_url = `${body.endpoint}?ticket=${encodeURIComponent(body.ticket)}`;
    return this;
  }

  override async getAccessToken(): Promise<string> {
    if (!this.openApi) throw new Error('PolicyDeskStreamClient: no OpenAPI client to get a token from');
    return this.openApi.accessToken();
  }

  /**
   * Connects; rejects with the gateway's refusal when the first connection-open is refused (bad
   * credentials, Stream mode off). Later drops are retried by the SDK every second.
   */
  async start(): Promise<void> {
    this.stopped = false;
    await this.getEndpoint();
    await this.connect();
  }

  override async connect(): Promise<void> {
    if (this.stopped) return;
    // The SDK starts a heartbeat interval per connection but clears it only on disconnect(), so
    // after a drop the old one would keep pinging (and could terminate the new socket).
    clearInterval((this as unknown as { heartbeatIntervallId?: NodeJS.Timeout }).heartbeatIntervallId);
    return super.connect();
  }

  /** Closes the connection for good: no reconnect, even one already scheduled. */
  stop(): void {
    this.stopped = true;
    this.disconnect();
  }
}
