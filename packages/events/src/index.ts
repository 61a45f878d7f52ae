export { eventCatalog, isEventType, topicOf, type EventData, type EventType } from './catalog';
export { createEvent, type CloudEvent, type Envelope, type NewEvent } from './envelope';
export { allTopics, deadLetterTopic, topics, type TopicName } from './topics';
export { InvalidEventError, assertValidEvent } from './validate';
export { DOCUMENT_TYPES, PERMISSIONS, type DocumentType, type Permission } from './vocabulary';
export { currentDocumentIssued, upcast, type CurrentData, type CurrentEvent } from './upcast';
