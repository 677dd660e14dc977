import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context/gatewayContext.js';

/** Adds the request's warnings (root usage, MFA recommended, ...) to `extensions.warnings`. */
export const warningsPlugin: ApolloServerPlugin<GatewayContext> = {
  requestDidStart() {
    return Promise.resolve({
      willSendResponse({ response, contextValue }) {
        // The context is missing when its creation failed (authentication errors).
        const warnings = (contextValue as GatewayContext | undefined)?.warnings.list() ?? [];
        if (warnings.length > 0 && response.body.kind === 'single') {
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            warnings,
          };
        }
        return Promise.resolve();
      },
    });
  },
};
