import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { HostError } from '../host/errors.js';

/**
 * Answers a request that Node's HTTP parser refused (a header that holds a control character, a request line or
 * headers over Node's 16 KB) as the contract answers any malformed request: `400 BadRequest_Malformed`, in JSON, never
 * Node's own bare 400 or 431. Only a connection that can still be written to gets an answer.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const message =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? 'The request line and headers are longer than this host takes (16 KB).'
      : 'The request is not well-formed HTTP: a header holds a control character, or the request line is broken.';
  const { status, body } = new HostError('BadRequest_Malformed', message).answer;
  const text = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\n` +
      `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  );
}

/** Makes `server` answer the requests Node's HTTP parser refuses with the contract's 400 (see answerClientError). */
export function answerMalformedRequests(server: Pick<Server, 'on'>): void {
  server.on('clientError', answerClientError);
}
