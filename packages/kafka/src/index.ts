export {
  RetryLater,
  type Delivery,
  type EventBus,
  type EventHandler,
  type SubscribeOptions,
  type Subscription,
} from './bus';
export { createKafkaBus } from './kafkajs-bus';
export type { KafkaBusOptions } from './kafkajs-client';
export { readRawMessages } from './raw-reader';
