import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { eventCatalog, topicOf, type EventType } from './catalog';

/** schemas/events/asyncapi.yaml documents exactly the partner topic and every type on it. */
const schemasDir = join(__dirname, '../../../schemas/events');

interface Message {
  name: string;
  payload: {
    allOf: [{ $ref: string }, { properties: { type: { const: string }; data: { $ref: string } } }];
  };
}
const document = parse(readFileSync(join(schemasDir, 'asyncapi.yaml'), 'utf8')) as {
  asyncapi: string;
  channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
  components: { messages: Record<string, Message> };
};

const partnerTypes = (Object.keys(eventCatalog) as EventType[]).filter((type) =>
  type.startsWith('portico.partner.'),
);

describe('asyncapi.yaml', () => {
  it('documents the partner topic, and only it', () => {
    expect(document.asyncapi).toBe('3.0.0');
    expect(Object.values(document.channels).map((channel) => channel.address)).toEqual([
      ...new Set(partnerTypes.map(topicOf)),
    ]);
  });

  it('has one message per partner event type, each an envelope of that type with its data schema', () => {
    const messages = Object.values(document.components.messages);
    expect(messages.map((message) => message.name).sort()).toEqual([...partnerTypes].sort());
    for (const message of messages) {
      const [envelope, specific] = message.payload.allOf;
      expect(envelope.$ref).toBe('./cloudevent.v1.json');
      expect(specific.properties.type.const).toBe(message.name);
      expect(specific.properties.data.$ref).toBe(`./${message.name}.json`);
      expect(existsSync(join(schemasDir, specific.properties.data.$ref))).toBe(true);
    }
  });

  it('lists every message of the components on the channel', () => {
    const [channel] = Object.values(document.channels);
    const listed = Object.values(channel!.messages).map((ref) => ref.$ref.split('/').pop());
    expect(listed.sort()).toEqual(Object.keys(document.components.messages).sort());
  });
});
