export {
  RetryLater,
  type Delivery,
  type EventBus,
  type EventHandler,
  type SubscribeOptions,
  type Subscription,
} from './bus';
export { createKafkaBus } from './kafkajs-bus';
export { createKafkaClient, type KafkaBusOptions } from './kafkajs-client';
export { readRawMessages } from './raw-reader';
export {
  DEAD_LETTER_HEADERS,
  DeadLetterNotFound,
  openDeadLetterDesk,
  REPLAYS_TOPIC,
  type DeadLetter,
  type DeadLetterDesk,
  type Replay,
} from './dead-letters';
