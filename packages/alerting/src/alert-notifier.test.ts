import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertWebhookBody, createWebhookNotifier, type AlertNotice } from './alert-notifier.js';

const notice: AlertNotice = {
  key: 'feed_silent:GH',
  alert: 'feed_silent',
  labels: { facility: 'GH' },
  firing: true,
  summary: 'Facility GH has sent nothing for 31 minutes (limit 30 minutes)',
  since: new Date('2026-11-23T15:00:00Z'),
};

describe('webhook notifier', () => {
  const received: unknown[] = [];
  let status = 200;
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({
          method: request.method,
          type: request.headers['content-type'],
          body: JSON.parse(body) as unknown,
        });
        response.statusCode = status;
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/secret-token`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('POSTs the notice as JSON with its runbook and a chat line', async () => {
    await createWebhookNotifier(url).send(notice);
    expect(received).toEqual([
      {
        method: 'POST',
        type: 'application/json',
        body: {
          source: 'adt-followup',
          status: 'firing',
          alert: 'feed_silent',
          key: 'feed_silent:GH',
          labels: { facility: 'GH' },
          summary: notice.summary,
          since: '2026-11-23T15:00:00.000Z',
          runbook: 'docs/operations.md#feed-silent',
          text: `[FIRING] adt-followup feed_silent: ${notice.summary}`,
        },
      },
    ]);
  });

  it('rejects when the target refuses, so the notice is retried; the name hides the URL path', async () => {
    status = 502;
    const notifier = createWebhookNotifier(url);
    await expect(notifier.send({ ...notice, firing: false })).rejects.toThrow('webhook answered 502');
    expect(notifier.name).not.toContain('secret-token');
    status = 200;
  });

  it('marks an end as resolved', () => {
    expect(alertWebhookBody({ ...notice, firing: false })).toMatchObject({ status: 'resolved' });
  });
});
