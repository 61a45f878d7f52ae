export {
  RetryLater,
  type Delivery,
  type EventBus,
  type EventHandler,
  type SubscribeOptions,
  type Subscription,
} from './bus';
export { createKafkaBus, type KafkaBusOptions } from './kafkajs-bus';
export { readRawMessages } from './raw-reader';
