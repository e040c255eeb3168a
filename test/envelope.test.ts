import { expect } from '@open-wc/testing';
import { Validator } from '@cfworker/json-schema';
import schema from '../src/api/envelope.schema.json';
import {
  ANSWER_ENVELOPE_LIMIT,
  EnvelopeError,
  envelopeOfRequest,
  envelopeOfResponse,
  readAnswerEnvelope,
  readRequestEnvelope,
  requestOfEnvelope,
  responseOfEnvelope,
  REQUEST_ENVELOPE_LIMIT,
  writeRequestEnvelope,
} from '../src/api/envelope.js';

const validator = new Validator(schema as object, '2020-12');
const valid = (value: unknown) => validator.validate(value).valid;
const base = new URL('https://host.example/api/mobileflow/v1.0');

/** The words an envelope is refused with, or 'read' when it is read. */
function refusal<T>(read: (text: T) => unknown, text: T): string {
  try {
    read(text);
    return 'read';
  } catch (error) {
    expect(error).to.be.instanceOf(EnvelopeError);
    return (error as Error).message;
  }
}

describe('the envelope (envelope.ts and envelope.schema.json)', () => {
  it('carries a request there and back: method, path with its query, the contract headers, the body as sent', async () => {
    const request = new Request(`${base.href}/userSetups(abc)?%24top=50&%24count=true`, {
      method: 'PATCH',
      headers: { 'If-Match': 'W/"3"', 'Idempotency-Key': 'k-1', Authorization: 'Bearer secret', 'X-Other': 'no' },
      body: '{"passwordMandatory":true}',
    });
    const envelope = await envelopeOfRequest(request, base, 'r-1');
    expect(envelope).to.deep.equal({
      id: 'r-1',
      method: 'PATCH',
      path: 'userSetups(abc)?%24top=50&%24count=true',
      headers: { 'If-Match': 'W/"3"', 'Idempotency-Key': 'k-1' },
      body: '{"passwordMandatory":true}',
    });
    expect(valid(envelope), 'the schema takes it').to.equal(true);
    const text = writeRequestEnvelope(envelope);
    const again = requestOfEnvelope(readRequestEnvelope(text), base.href, { Authorization: 'Bearer device' });
    expect(again.url).to.equal(request.url);
    expect([again.method, again.headers.get('If-Match'), again.headers.get('Authorization')]).to.deep.equal([
      'PATCH',
      'W/"3"',
      'Bearer device',
    ]);
    expect(await again.text()).to.equal('{"passwordMandatory":true}');
  });

  it('carries an answer there and back: status, ETag and Retry-After, the JSON body; a 204 without one', async () => {
    const response = new Response('{"error":{"code":"Request_TooManyRequests","message":"m","retryAfter":42}}', {
      status: 429,
      headers: { 'Retry-After': '42', 'Content-Type': 'application/json', 'Set-Cookie': 'no' },
    });
    const answer = await envelopeOfResponse('r-2', response);
    expect(answer.headers).to.deep.equal({ 'Retry-After': '42' });
    expect(valid(answer)).to.equal(true);
    const back = responseOfEnvelope(readAnswerEnvelope(JSON.stringify(answer)));
    expect([back.status, back.headers.get('Retry-After')]).to.deep.equal([429, '42']);
    expect((await back.json()).error.retryAfter).to.equal(42);
    const empty = await envelopeOfResponse('r-3', new Response(null, { status: 204 }));
    expect(empty.body).to.equal(null);
    expect(responseOfEnvelope(empty).status).to.equal(204);
  });

  it('refuses a broken request envelope in words that say what is wrong, as the schema does', () => {
    const cases: Array<[unknown, string]> = [
      ['not json', 'The request envelope is not JSON.'],
      [42, 'The request envelope must be JSON text.'],
      ['[1]', 'The request envelope must be a JSON object.'],
      [
        '{"method":"GET","path":"session"}',
        'The request envelope has no id: "id" must be a text of 1 to 100 characters.',
      ],
      [
        '{"id":"","method":"GET","path":"session"}',
        'The request envelope has no id: "id" must be a text of 1 to 100 characters.',
      ],
      [
        '{"id":"a","method":"TRACE","path":"session"}',
        'The request envelope\'s "method" must be GET, POST, PATCH, PUT or DELETE.',
      ],
      [
        '{"id":"a","method":"GET","path":"/session"}',
        'The request envelope\'s "path" must be a path relative to the contract\'s base, e.g. "session".',
      ],
      [
        '{"id":"a","method":"GET","path":"https://elsewhere.example/"}',
        'The request envelope\'s "path" must be a path relative to the contract\'s base, e.g. "session".',
      ],
      [
        '{"id":"a","method":"GET","path":"session","headers":{"If-Match":3}}',
        "The request envelope's header If-Match must be a text.",
      ],
      [
        '{"id":"a","method":"POST","path":"session","body":{"pinCode":"1"}}',
        'The request envelope\'s "body" must be a text or null.',
      ],
    ];
    for (const [text, words] of cases) {
      expect(refusal(readRequestEnvelope, text), String(text)).to.equal(words);
      if (typeof text === 'string' && text.startsWith('{')) expect(valid(JSON.parse(text)), text).to.equal(false);
    }
    const big = JSON.stringify({ id: 'a', method: 'POST', path: 'session', body: 'x'.repeat(REQUEST_ENVELOPE_LIMIT) });
    expect(refusal(readRequestEnvelope, big)).to.match(
      /^The request envelope is \d+ bytes, over the limit of 65536 bytes\.$/,
    );
    // A body that is not JSON is the host's to refuse with the contract's 400: the envelope carries it as sent.
    expect(refusal(readRequestEnvelope, '{"id":"a","method":"POST","path":"session","body":"{not json"}')).to.equal(
      'read',
    );
  });

  it('refuses a broken answer envelope: no id, a status that is not a number, a body that is not JSON text', () => {
    const cases: Array<[string, string]> = [
      ['{"status":200,"body":"{}"}', 'The answer envelope has no id: "id" must be a text of 1 to 100 characters.'],
      [
        '{"id":"a","status":"200","body":"{}"}',
        'The answer envelope\'s "status" must be an HTTP status, a whole number from 200 to 599.',
      ],
      [
        '{"id":"a","status":99,"body":"{}"}',
        'The answer envelope\'s "status" must be an HTTP status, a whole number from 200 to 599.',
      ],
      ['{"id":"a","status":200,"body":"{not json"}', 'The answer envelope\'s "body" is not JSON text.'],
      ['{"id":"a","status":200,"body":{}}', 'The answer envelope\'s "body" must be a text or null.'],
    ];
    for (const [text, words] of cases) expect(refusal(readAnswerEnvelope, text), text).to.equal(words);
    for (const [text] of cases.slice(0, 3)) expect(valid(JSON.parse(text)), text).to.equal(false);
    const big = JSON.stringify({ id: 'a', status: 200, body: JSON.stringify('x'.repeat(ANSWER_ENVELOPE_LIMIT)) });
    expect(refusal(readAnswerEnvelope, big)).to.match(
      /^The answer envelope is \d+ bytes, over the limit of 8388608 bytes\.$/,
    );
  });

  it('will not write a request envelope over the limit, nor one for a path outside the contract', async () => {
    const huge = { id: 'a', method: 'POST', path: 'session', headers: {}, body: 'x'.repeat(REQUEST_ENVELOPE_LIMIT) };
    expect(refusal(writeRequestEnvelope, huge)).to.match(
      /^The request is \d+ bytes, over the envelope's limit of 65536\.$/,
    );
    const elsewhere = envelopeOfRequest(new Request('https://host.example/other/session'), base, 'a');
    expect(
      await elsewhere.then(
        () => 'written',
        (error: Error) => error.message,
      ),
    ).to.equal("/other/session is not under the contract's base /api/mobileflow/v1.0.");
  });
});
