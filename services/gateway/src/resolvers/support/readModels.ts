import { GatewayError } from '../../errors/gatewayError.js';

/**
 * Read-your-writes for lists: before a read-model query, wait until the
 * projection has applied everything this process's view has seen (every command
 * this process ran waited for the view). Implemented over the projection that
 * runs in this process; a standby instance (projection active elsewhere) reads
 * what is there (README, "Reads").
 */
export interface ReadModelSync {
  current(): Promise<void>;
}

/** A read that found nothing: `NOT_FOUND` in IAM's wording. */
export function notFound(kind: string, name: string): GatewayError {
  return new GatewayError('NOT_FOUND', `the ${kind} with name \`${name}\` cannot be found`, {
    details: { reason: 'NO_SUCH_ENTITY', entity: kind, name },
  });
}
