/**
 * How much of a request body the platform reads. Every route takes JSON_BODY_LIMIT unless it
 * declares its own `bodyLimit`: the uploads (the file limit) and the back office's service items
 * (their guide texts). A JSON body over its limit answers 413 REQUEST_TOO_LARGE (error-handler.ts),
 * a file over its limit 413 FILE_TOO_LARGE; neither is read to its end.
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/**
 * The largest form is a business system with every URL at its longest (23 URLs of 500
 * characters, 20 roles: under 40 KB even in Chinese); 64 KiB leaves room, and no more.
 */
export const JSON_BODY_LIMIT = 64 * 1024;

/**
 * Files arrive as the raw request body of any content type but JSON, whatever type the browser
 * guessed from the name (the content decides). Registered in the scope of the routes that take
 * files: at most the route's bodyLimit is read, a larger body is refused as FILE_TOO_LARGE.
 */
export function acceptRawFiles(app: FastifyInstance): void {
  app.addContentTypeParser('*', async (request: FastifyRequest, payload: IncomingMessage) => {
    const limit = request.routeOptions.bodyLimit;
    if (Number(request.headers['content-length']) > limit) throw new AppError('FILE_TOO_LARGE', 413);
    const chunks: Buffer[] = [];
    let received = 0;
    // Not destroyed when we stop early: the socket must stay open for the 413.
    for await (const chunk of payload.iterator({ destroyOnReturn: false })) {
      received += (chunk as Buffer).length;
      if (received > limit) throw new AppError('FILE_TOO_LARGE', 413);
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks, received);
  });
}
