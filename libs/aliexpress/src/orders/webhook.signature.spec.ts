import { createHmac } from 'node:crypto';
import { verifyWebhookSignature, webhookSignature } from './webhook.signature.js';

describe('webhook signature', () => {
  const body = '{"seller_id":"1234","message_type":53,"data":{"orderId":1105933950463697}}';

  it('is hex HMAC-SHA256 of appKey + raw body keyed with the app secret', () => {
    const expected = createHmac('sha256', 'secret').update(`123456${body}`).digest('hex');
    expect(webhookSignature('123456', 'secret', body)).toBe(expected);
    expect(webhookSignature('123456', 'secret', Buffer.from(body))).toBe(expected);
  });

  it('verifies in either hex case and refuses anything else', () => {
    const sig = webhookSignature('123456', 'secret', body);
    expect(verifyWebhookSignature('123456', 'secret', body, sig)).toBe(true);
    expect(verifyWebhookSignature('123456', 'secret', body, sig.toUpperCase())).toBe(true);
    expect(verifyWebhookSignature('123456', 'other', body, sig)).toBe(false);
    expect(verifyWebhookSignature('654321', 'secret', body, sig)).toBe(false);
    expect(verifyWebhookSignature('123456', 'secret', `${body} `, sig)).toBe(false);
    expect(verifyWebhookSignature('123456', 'secret', body, undefined)).toBe(false);
    expect(verifyWebhookSignature('123456', 'secret', body, sig.slice(2))).toBe(false);
    expect(verifyWebhookSignature('123456', 'secret', body, `${sig.slice(0, 63)}z`)).toBe(false);
  });
});
