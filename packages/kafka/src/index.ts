export type { Delivery, EventBus, EventHandler, SubscribeOptions, Subscription } from './bus';
export { createKafkaBus, type KafkaBusOptions } from './kafkajs-bus';
