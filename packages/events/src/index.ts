export { eventCatalog, isEventType, topicOf, type EventData, type EventType } from './catalog';
export { createEvent, type CloudEvent, type NewEvent } from './envelope';
export { allTopics, deadLetterTopic, topics, type TopicName } from './topics';
export { InvalidEventError, assertValidEvent } from './validate';
