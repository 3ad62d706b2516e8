/**
 * Checks on every request before a listener reads it: the payload's shape (zod schemas of the
 * fields the listeners use) and, in HTTP mode, the signed timestamp and exact replays.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App as BoltApp, HTTPReceiver } from '@slack/bolt';
import type { z } from 'zod';
import { logger as log } from '../../log.ts';
import { ReplayCache } from '../../security/replayCache.ts';
import { blockActionsSchema, payloadProblem, slashCommandSchema, viewSubmissionSchema } from '../../security/slackPayloads.ts';

/** Every payload is checked before any listener reads it (one log line and an ack when not). */
export function checkPayloads(bolt: BoltApp): void {
  bolt.use(async ({ body, ack, next }) => {
    const b = body as { type?: string; command?: string };
    const [schema, kind] =
      b.type === 'block_actions' ? [blockActionsSchema, 'block_actions']
        : b.type === 'view_submission' ? [viewSubmissionSchema, 'view_submission']
          : typeof b.command === 'string' ? [slashCommandSchema, 'slash_command']
            : [undefined, ''];
    if (schema && !valid(schema, body, kind)) {
      await ack?.();
      return;
    }
    await next();
  });
}

/**
 * True when `payload` has the shape the listener reads; otherwise one warning line naming the
 * first problem (never the payload itself), and the listener acknowledges without running.
 */
function valid(schema: z.ZodType, payload: unknown, kind: string): boolean {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return true;
  log.warn({ event: 'slack_bad_payload', kind, problem: payloadProblem(parsed.error) });
  return false;
}

/**
 * Refuses, before Bolt reads them, requests whose signed timestamp is missing, stale or too far
 * in the future (Bolt itself only refuses stale ones), and logs exact replays of a signed request.
 * A replay is not run twice: the listeners answer it from `Deliveries` (kept for the whole window).
 */
export function guardTimestamps(receiver: HTTPReceiver): void {
  const replays = new ReplayCache({ windowSeconds: 300, maxFutureSeconds: 60 });
  const inner = receiver.requestListener;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'POST') {
      const signature = String(req.headers['x-slack-signature'] ?? '');
      const verdict = replays.check(signature, Number(req.headers['x-slack-request-timestamp'] ?? NaN));
      if (!verdict.ok && verdict.reason !== 'replay') {
        log.warn({ event: 'slack_request_refused', reason: verdict.reason });
        res.writeHead(401, { 'content-type': 'text/plain' });
        res.end(`request refused: ${verdict.reason} timestamp`);
        return;
      }
      if (!verdict.ok) log.info({ event: 'slack_request_replayed', retry: req.headers['x-slack-retry-num'] !== undefined });
    }
    return inner(req, res);
  };
}
