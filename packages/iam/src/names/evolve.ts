import type { Evolver } from '../shared/events.js';
import type { NameEvent } from './events.js';

/** Who holds a name now (undefined: nobody). */
export interface NameState {
  readonly holder: string | undefined;
  /** The name as last written (case preserved). */
  readonly name: string | undefined;
}

/** The fold of a name stream. */
export const nameEvolver: Evolver<NameState, NameEvent> = {
  initialState: { holder: undefined, name: undefined },
  evolve(state, event) {
    switch (event.type) {
      case 'NameReserved':
        return { holder: event.data.entityId, name: event.data.name };
      case 'NameReleased':
        return state.holder === event.data.entityId
          ? { holder: undefined, name: undefined }
          : state;
    }
  },
};
