import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The JSON body exactly as received (request signatures cover its hash). */
    rawBody: string;
  }
}

/**
 * Parses JSON bodies with Fastify's own parser (prototype-poisoning safe, within
 * the body limit) and keeps the raw text on `request.rawBody`.
 */
export function keepRawJsonBody(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.decorateRequest('rawBody', '');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    request.rawBody = text;
    void parseJson(request, text, done);
  });
}
