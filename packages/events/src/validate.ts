import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { isEventType, type EventType } from './catalog';
import type { CloudEvent } from './envelope';
import { envelopeSchema, eventDataSchemas } from './generated';

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validateEnvelope = ajv.compile(envelopeSchema);
const validators = new Map<EventType, ValidateFunction>(
  Object.entries(eventDataSchemas).map(([type, schema]) => [
    type as EventType,
    ajv.compile(schema),
  ]),
);

export class InvalidEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidEventError';
  }
}

/** Checks the envelope and the payload against the JSON Schema of its type. */
export function assertValidEvent(value: unknown): asserts value is CloudEvent {
  if (!validateEnvelope(value)) {
    throw new InvalidEventError(`invalid envelope: ${ajv.errorsText(validateEnvelope.errors)}`);
  }
  const { type, data } = value as { type: string; data: unknown };
  if (!isEventType(type)) throw new InvalidEventError(`unknown event type ${type}`);
  const validateData = validators.get(type)!;
  if (!validateData(data)) {
    throw new InvalidEventError(
      `invalid ${type} data: ${ajv.errorsText(validateData.errors, { dataVar: 'data' })}`,
    );
  }
}
