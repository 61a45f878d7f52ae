import { eventScope, type TenantScope } from '@portico/auth';
import type { CurrentData, CurrentEvent, EventType } from '@portico/events';
import type { EventHandler } from '@portico/kafka';

type Handler<K extends EventType> = (
  tenant: TenantScope,
  data: CurrentData<K>,
  event: CurrentEvent<K>,
) => Promise<unknown>;

/** What a consumer does per event type: each handler gets the event's tenant and its typed data. */
export type HandlersByType = { [K in EventType]?: Handler<K> };

/**
 * One event handler from a handler per type; events of other types on the
 * same topics are passed over.
 */
export function byEventType(handlers: HandlersByType): EventHandler {
  return async (event) => {
    // A table indexed by a union gives a union of handlers; each is called with its own type.
    const handle = handlers[event.type] as Handler<typeof event.type> | undefined;
    if (handle) await handle(eventScope(event), event.data, event);
  };
}
