/**
 * Every DingTalk URL the adapter calls, resolved under one base (DINGTALK_API_URL).
 *
 * The `dingtalk-stream` SDK hard-codes `https://api.dingtalk.com/v1.0/gateway/connections/open`;
 * resolving the gateway and the OpenAPI under the same base lets a fake on loopback (tests) or an
 * on-premises government deployment stand in for DingTalk with one setting.
 */
export const DEFAULT_DINGTALK_API_URL = 'https://api.dingtalk.com';

export interface DingTalkEndpoints {
  /** Stream mode: trades client id + secret for a WebSocket endpoint and a one-time ticket. */
  connectionsOpen: string;
  /** New-style app access token (`x-acs-dingtalk-access-token`), valid `expireIn` seconds. */
  accessToken: string;
  /** Robot one-to-one messages to up to 20 staff ids. */
  oneToOne: string;
  /** Robot message into a group the robot is in (open conversation id). */
  groupSend: string;
  /** StandardCard interactive card: send (built-in template, nothing to create by hand). */
  cardSend: string;
  /** StandardCard interactive card: update in place by cardBizId. */
  cardUpdate: string;
}

export function dingTalkEndpoints(apiUrl: string = DEFAULT_DINGTALK_API_URL): DingTalkEndpoints {
  const base = apiUrl.replace(/\/+$/, '');
  return {
    connectionsOpen: `${base}/v1.0/gateway/connections/open`,
    accessToken: `${base}/v1.0/oauth2/accessToken`,
    oneToOne: `${base}/v1.0/robot/oToMessages/batchSend`,
    groupSend: `${base}/v1.0/robot/groupMessages/send`,
    cardSend: `${base}/v1.0/im/v1.0/robot/interactiveCards/send`,
    cardUpdate: `${base}/v1.0/im/robots/interactiveCards`,
  };
}
